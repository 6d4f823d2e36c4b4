using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Records;

/// <summary>The handshake records with and without the readOnly byte that clients since 3.4 append.</summary>
public sealed class ConnectRecordTests
{
    // The Java client's real ConnectRequest (golden frame 1) without its length prefix: 45 bytes.
    private static byte[] JavaRequest => GoldenFrames.Get(1).Body.ToArray();

    [Fact]
    public void ConnectRequest_with_the_readOnly_byte_reads_it_and_writes_it_back()
    {
        var bytes = JavaRequest;
        bytes[^1] = 1;
        var request = JuteCodec.Decode<ConnectRequest>(bytes);
        Assert.True(request.ReadOnly);
        Assert.True(request.HasReadOnlyFlag);
        Assert.Equal(bytes, JuteCodec.Encode(request));
    }

    [Fact]
    public void ConnectRequest_from_a_pre_3_4_client_has_no_readOnly_byte_and_re_encodes_without_one()
    {
        var bytes = JavaRequest[..^1];
        Assert.Equal(44, bytes.Length);
        var request = JuteCodec.Decode<ConnectRequest>(bytes);
        Assert.False(request.ReadOnly);
        Assert.False(request.HasReadOnlyFlag);
        Assert.Equal((6000, 0L, 16), (request.TimeOut, request.SessionId, request.Passwd!.Length));
        Assert.Equal(bytes, JuteCodec.Encode(request));
    }

    [Fact]
    public void New_ConnectRequest_writes_the_readOnly_byte_by_default()
    {
        var request = new ConnectRequest(0, 0, 6000, 0, new byte[16], false);
        Assert.Equal(JavaRequest, JuteCodec.Encode(request));
    }

    [Fact]
    public void ConnectResponse_to_an_old_client_leaves_out_the_readOnly_byte_as_ZooKeeper_does()
    {
        var golden = GoldenFrames.Get(2).Body.ToArray();
        var response = JuteCodec.Decode<ConnectResponse>(golden) with { HasReadOnlyFlag = false };
        Assert.Equal(golden[..^1], JuteCodec.Encode(response));
        var reread = JuteCodec.Decode<ConnectResponse>(golden.AsSpan(0, golden.Length - 1));
        Assert.False(reread.HasReadOnlyFlag);
        Assert.Equal(response.SessionId, reread.SessionId);
    }

    [Fact]
    public void ConnectResponse_from_a_read_only_server_sets_the_flag()
    {
        var golden = GoldenFrames.Get(2).Body.ToArray();
        golden[^1] = 1;
        Assert.True(JuteCodec.Decode<ConnectResponse>(golden).ReadOnly);
    }
}
