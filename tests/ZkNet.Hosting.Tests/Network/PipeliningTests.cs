using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>Ordering and framing over a real socket: deep pipelines and frames cut anywhere.</summary>
public sealed class PipeliningTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new ZkNet.Hosting.Configuration.ServerConfig { MaxClientCnxns = 0 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Thousand_pipelined_requests_come_back_in_xid_order()
    {
        using var client = await RawClient.ConnectAsync(_server.ClientEndPoint);
        await client.CallAsync(OpCode.Create, new CreateRequest("/pipe", [], Acl.OpenAclUnsafe, 0));
        var batch = new List<byte>();
        var first = 0;
        for (var i = 0; i < 1000; i++)
        {
            IJuteRecord body = (i % 3) switch
            {
                0 => new CreateRequest($"/pipe/n{i}", [], Acl.OpenAclUnsafe, 0),
                1 => new ExistsRequest($"/pipe/n{i - 1}", false),
                _ => new GetDataRequest("/pipe", false),
            };
            var op = (i % 3) switch { 0 => OpCode.Create, 1 => OpCode.Exists, _ => OpCode.GetData };
            batch.AddRange(client.Request(op, body, out var xid));
            first = i == 0 ? xid : first;
        }

        await client.SendAsync(batch.ToArray());
        var xids = new List<int>();
        var lastZxid = 0L;
        for (var i = 0; i < 1000; i++)
        {
            var reply = await client.ReadReplyAsync() ?? throw new InvalidOperationException($"closed after {i} replies");
            Assert.Equal(0, reply.Header.Err);
            Assert.True(reply.Header.Zxid >= lastZxid, "zxids in replies never go backwards");
            lastZxid = reply.Header.Zxid;
            xids.Add(reply.Header.Xid);
        }

        Assert.Equal(Enumerable.Range(first, 1000), xids);
    }

    [Fact]
    public async Task Frames_split_at_every_byte_offset_are_reassembled()
    {
        var stream = Conversation("/split");
        for (var cut = 1; cut < stream.Length; cut++)
        {
            using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
            await client.SendAsync(stream.AsMemory(0, cut));
            // Give the server a chance to read the first part on its own before the rest arrives.
            await Task.Delay(1);
            await client.SendAsync(stream.AsMemory(cut));

            await AssertConversationAnsweredAsync(client, $"cut at {cut}");
            await client.SendAsync(RawClient.Frame(new RequestHeader(3, (int)OpCode.Delete), new DeleteRequest("/split", -1)));
            Assert.Equal(0, (await client.ReadReplyAsync())!.Value.Header.Err);
        }
    }

    [Fact]
    public async Task Byte_at_a_time_writer_is_served()
    {
        var stream = Conversation("/slow");
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);

        for (var i = 0; i < stream.Length; i++)
        {
            await client.SendAsync(stream.AsMemory(i, 1));
            await Task.Yield();
        }

        await AssertConversationAnsweredAsync(client, "byte at a time");
    }

    /// <summary>A handshake, a create of <paramref name="path"/> and a getData of it, as one byte stream.</summary>
    private static byte[] Conversation(string path) =>
    [
        .. RawClient.Frame(new ConnectRequest(0, 0, 30_000, 0, new byte[16], false)),
        .. RawClient.Frame(new RequestHeader(1, (int)OpCode.Create), new CreateRequest(path, "data"u8.ToArray(), Acl.OpenAclUnsafe, 0)),
        .. RawClient.Frame(new RequestHeader(2, (int)OpCode.GetData), new GetDataRequest(path, false)),
    ];

    private static async Task AssertConversationAnsweredAsync(RawClient client, string because)
    {
        var handshake = await client.ReadFrameAsync();
        Assert.True(handshake is { Length: > 20 }, because);
        var created = await client.ReadReplyAsync();
        Assert.Equal((1, 0), (created!.Value.Header.Xid, created.Value.Header.Err));
        var read = await client.ReadReplyAsync();
        Assert.Equal((2, 0), (read!.Value.Header.Xid, read.Value.Header.Err));
        var reader = new JuteReader(read.Value.Body);
        Assert.Equal("data"u8.ToArray(), GetDataResponse.Deserialize(ref reader).Data);
    }
}
