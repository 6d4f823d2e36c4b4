using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>The txns Apache ZooKeeper 3.8 logged for the captured session (golden/txnlog), against our txn records.</summary>
public sealed class GoldenTxnLogTests
{
    private const long SessionId = 0x01000006d3d60000;
    private static readonly Lazy<List<(int Number, string Name, byte[] Bytes)>> Txns = new(() => GoldenFiles.Read("golden/txnlog"));

    public static TheoryData<int> Numbers => new(Txns.Value.Select(t => t.Number));

    private static List<IJuteRecord> Decode(int number) => TxnDecoder.Decode(Txns.Value[number - 1].Bytes);

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Logged_txn_decodes_completely_and_reencodes_to_identical_bytes(int number)
    {
        var records = Decode(number);
        Assert.Equal(Convert.ToHexString(Txns.Value[number - 1].Bytes), Convert.ToHexString(JuteCodec.Encode(records)));
        foreach (var multi in records.OfType<MultiTxn>())
        {
            foreach (var inner in multi.Txns)
            {
                Assert.Equal(inner.Data, JuteCodec.Encode(TxnDecoder.DecodeInner(inner)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Every_truncation_of_a_logged_txn_raises_JuteException_or_loses_only_the_digest(int number)
    {
        var bytes = Txns.Value[number - 1].Bytes;
        var hasDigest = Decode(number)[^1] is TxnDigest;
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            // Without its 12-byte digest a txn is still whole (error txns never have one).
            if (hasDigest && cut == bytes.Length - 12)
            {
                continue;
            }
            var length = cut;
            var error = Record.Exception(() => TxnDecoder.Decode(bytes.AsSpan(0, length)));
            Assert.True(error is JuteException, $"txn {number} cut to {length}: {error?.GetType().Name ?? "decoded"}");
        }
    }

    [Fact]
    public void Session_creation_logs_the_negotiated_timeout()
    {
        var records = Decode(1);
        Assert.Equal(new TxnHeader(SessionId, 0, 1, 0x1a20014d72e, (int)OpCode.CreateSession), records[0]);
        Assert.Equal(new CreateSessionTxn(6000), records[1]);
        Assert.Equal(2, Assert.IsType<TxnDigest>(records[2]).Version);
    }

    [Fact]
    public void Create_txns_record_the_ephemeral_flag_and_the_parent_cversion_after_the_create()
    {
        var root = Assert.IsType<CreateTxn>(Decode(2)[1]);
        Assert.Equal(("/golden", false, 1), (root.Path, root.Ephemeral, root.ParentCVersion));
        Assert.Equal(Utf8("root"), root.Data);
        // create2 is logged under its own type with an ordinary CreateTxn.
        Assert.Equal((int)OpCode.Create2, Assert.IsType<TxnHeader>(Decode(5)[0]).Type);
        var ephemeral = Assert.IsType<CreateTxn>(Decode(5)[1]);
        Assert.Equal(("/golden/eph", true, 3), (ephemeral.Path, ephemeral.Ephemeral, ephemeral.ParentCVersion));
        var container = Assert.IsType<CreateContainerTxn>(Decode(6)[1]);
        Assert.Equal(("/golden/container", 4), (container.Path, container.ParentCVersion));
        var ttl = Assert.IsType<CreateTtlTxn>(Decode(7)[1]);
        Assert.Equal(("/golden/ttl", 5, 60_000L), (ttl.Path, ttl.ParentCVersion, ttl.Ttl));
    }

    [Fact]
    public void Failed_writes_are_logged_as_error_txns_without_a_digest()
    {
        var records = Decode(8);
        Assert.Equal(new TxnHeader(SessionId, 7, 8, 0x1a20014d77b, (int)OpCode.Error), records[0]);
        Assert.Equal(new ErrorTxn((int)ErrorCode.NodeExists), records[1]);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public void SetData_and_SetAcl_txns_carry_the_new_version()
    {
        var setData = Assert.IsType<SetDataTxn>(Decode(9)[1]);
        Assert.Equal(("/golden", 1), (setData.Path, setData.Version));
        var setAcl = Assert.IsType<SetAclTxn>(Decode(10)[1]);
        Assert.Equal(("/golden", 1), (setAcl.Path, setAcl.Version));
        Assert.Equal([new Acl(Perms.All, Id.AnyoneIdUnsafe)], setAcl.Acl);
    }

    [Fact]
    public void Multi_txn_holds_each_operation_as_a_typed_serialized_record()
    {
        var multi = Assert.IsType<MultiTxn>(Decode(15)[1]);
        Assert.Equal([(int)OpCode.Create, (int)OpCode.SetData, (int)OpCode.Check, (int)OpCode.Delete], multi.Txns.Select(t => t.Type));
        // The client checked for version 2 (frame 45); the log records the version plus one, as for setData.
        Assert.Equal(new CheckVersionTxn("/golden", 3), TxnDecoder.DecodeInner(multi.Txns[2]));
        Assert.Equal(new DeleteTxn("/golden/m1"), TxnDecoder.DecodeInner(multi.Txns[3]));
    }

    [Fact]
    public void Failed_multi_is_logged_with_the_operations_before_the_failure_intact_and_an_error_for_the_failure()
    {
        var multi = Assert.IsType<MultiTxn>(Decode(16)[1]);
        Assert.Equal([(int)OpCode.Create, (int)OpCode.Error], multi.Txns.Select(t => t.Type));
        Assert.Equal("/golden/m2", Assert.IsType<CreateTxn>(TxnDecoder.DecodeInner(multi.Txns[0])).Path);
        Assert.Equal(new ErrorTxn((int)ErrorCode.NoNode), TxnDecoder.DecodeInner(multi.Txns[1]));
    }

    [Fact]
    public void Close_session_txn_lists_the_ephemerals_to_delete()
    {
        var records = Decode(20);
        Assert.Equal((int)OpCode.CloseSession, Assert.IsType<TxnHeader>(records[0]).Type);
        Assert.Equal(["/golden/eph"], Assert.IsType<CloseSessionTxn>(records[1]).Paths2Delete);
    }
}
