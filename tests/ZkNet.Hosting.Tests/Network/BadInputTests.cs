using System.Buffers.Binary;
using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>Broken or hostile input ends the offending connection only; everyone else carries on.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;
    private RawClient _bystander = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new ZkNet.Hosting.Configuration.ServerConfig { MaxClientCnxns = 0 });
        _bystander = await RawClient.ConnectAsync(_server.ClientEndPoint);
    }

    public async Task DisposeAsync()
    {
        _bystander.Dispose();
        await _server.DisposeAsync();
    }

    private async Task AssertBystanderStillServedAsync()
    {
        var (header, _) = await _bystander.CallAsync(OpCode.Exists, new ExistsRequest("/", false));
        Assert.Equal(0, header.Err);
    }

    private static byte[] LengthPrefix(int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return bytes;
    }

    [Fact]
    public async Task Truncated_frame_followed_by_end_of_stream_closes_that_connection()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);

        await client.SendAsync([.. LengthPrefix(100), .. new byte[10]]);
        client.ShutdownSend();

        Assert.True(await client.IsClosedByServerAsync());
        await AssertBystanderStillServedAsync();
    }

    [Theory]
    [InlineData(0x100000)]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    public async Task Length_prefix_outside_jute_maxbuffer_closes_only_that_connection(int length)
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);

        await client.SendAsync(LengthPrefix(length));

        Assert.True(await client.IsClosedByServerAsync());
        await AssertBystanderStillServedAsync();
    }

    [Fact]
    public async Task Packet_of_exactly_jute_maxbuffer_bytes_is_accepted()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);
        // Header 8 + path 8 + data 4+N + open ACL 27 + flags 4 = N + 51 bytes after the length prefix.
        var data = new byte[0xfffff - 51];

        var (header, _) = await client.CallAsync(OpCode.Create, new CreateRequest("/big", data, Acl.OpenAclUnsafe, 0));

        Assert.Equal(0, header.Err);
    }

    [Fact]
    public async Task Oversized_first_packet_is_refused_before_the_handshake()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);

        await client.SendAsync(LengthPrefix(0x7000_0000));

        Assert.Null(await client.ReadFrameAsync());
        await AssertBystanderStillServedAsync();
    }

    [Fact]
    public async Task Garbage_first_packet_is_closed_without_an_answer()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);

        await client.SendAsync(new byte[] { 0, 0, 0, 3, 1, 2, 3 });

        Assert.Null(await client.ReadFrameAsync());
        await AssertBystanderStillServedAsync();
    }

    [Fact]
    public async Task Http_request_on_the_client_port_is_closed()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);

        await client.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));

        Assert.True(await client.IsClosedByServerAsync());
        await AssertBystanderStillServedAsync();
    }

    [Fact]
    public async Task Unknown_opcode_is_answered_Unimplemented_then_the_connection_closes()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);

        await client.SendAsync(RawClient.Frame(new RequestHeader(7, 99)));
        var reply = await client.ReadReplyAsync();

        Assert.NotNull(reply);
        Assert.Equal(7, reply.Value.Header.Xid);
        Assert.Equal((int)ErrorCode.Unimplemented, reply.Value.Header.Err);
        Assert.Null(await client.ReadFrameAsync());
        await AssertBystanderStillServedAsync();
    }

    [Fact]
    public async Task Malformed_record_for_a_known_op_is_MarshallingError_and_the_connection_stays()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);
        var truncatedCreate = RawClient.Frame(new RequestHeader(1, (int)OpCode.Create));
        truncatedCreate = [.. LengthPrefix(truncatedCreate.Length - 4 + 7), .. truncatedCreate.AsSpan(4), 0, 0, 0, 5, (byte)'/', (byte)'t', (byte)'r'];

        await client.SendAsync(truncatedCreate);
        var reply = await client.ReadReplyAsync();
        var (after, _) = await client.CallAsync(OpCode.Exists, new ExistsRequest("/tr", false));

        Assert.Equal((1, (int)ErrorCode.MarshallingError), (reply!.Value.Header.Xid, reply.Value.Header.Err));
        Assert.Equal((int)ErrorCode.NoNode, after.Err);
    }

    [Fact]
    public async Task Frame_too_short_for_a_request_header_closes_the_connection()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);

        await client.SendAsync(new byte[] { 0, 0, 0, 3, 0, 0, 1 });

        Assert.True(await client.IsClosedByServerAsync());
        await AssertBystanderStillServedAsync();
    }
}
