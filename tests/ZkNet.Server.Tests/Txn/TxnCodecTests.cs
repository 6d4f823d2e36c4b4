using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;

namespace ZkNet.Server.Tests.Txn;

/// <summary>The type-to-record table: ZooKeeper's SerializeUtils at the top level, DataTree.processTxn's in a multi.</summary>
public sealed class TxnCodecTests
{
    [Fact]
    public void A_reconfig_carries_a_SetDataTxn()
    {
        var record = TxnCodec.DecodeBody((int)OpCode.Reconfig, Bytes(new SetDataTxn("/zookeeper/config", [1], 2)), inMulti: false);
        var setData = Assert.IsType<SetDataTxn>(record);
        Assert.Equal(("/zookeeper/config", 2), (setData.Path, setData.Version));
        Assert.Equal([1], setData.Data);
    }

    [Fact]
    public void A_closeSession_without_a_body_decodes_as_no_ephemerals()
    {
        var record = TxnCodec.DecodeBody((int)OpCode.CloseSession, [], inMulti: false);
        Assert.Empty(Assert.IsType<CloseSessionTxn>(record).Paths2Delete);
    }

    [Fact]
    public void A_check_is_a_txn_only_inside_a_multi()
    {
        var bytes = Bytes(new CheckVersionTxn("/m", 2));
        Assert.Equal(new CheckVersionTxn("/m", 2), TxnCodec.DecodeBody((int)OpCode.Check, bytes, inMulti: true));
        Assert.Throws<JuteException>(() => TxnCodec.DecodeBody((int)OpCode.Check, bytes, inMulti: false));
    }

    [Theory]
    [InlineData(OpCode.SetAcl)]
    [InlineData(OpCode.Reconfig)]
    [InlineData(OpCode.Multi)]
    [InlineData(OpCode.CreateSession)]
    [InlineData(OpCode.CloseSession)]
    public void A_multi_cannot_hold_session_acl_reconfig_or_multi_operations(OpCode type)
    {
        var multi = new MultiTxn([new ZkNet.Protocol.Records.Txn((int)type, [])]);
        var e = Assert.Throws<JuteException>(() => MultiOps.FromMultiTxn(multi));
        Assert.Contains("inside a multi", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_type_is_rejected()
    {
        Assert.Throws<JuteException>(() => TxnCodec.DecodeBody(99, [], inMulti: false));
    }

    private static byte[] Bytes(IJuteRecord record)
    {
        using var buffer = new FrameBuffer();
        record.Serialize(new JuteWriter(buffer));
        return buffer.ToArray();
    }
}
