using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// A client speaking to <see cref="ZooKeeperServer"/> through a <see cref="FakeCnxn"/>: requests are encoded and
/// decoded exactly as the socket transport does, then submitted in order; replies are read frame by frame.
/// </summary>
internal sealed class TestClient(ZooKeeperServer server, FakeCnxn cnxn)
{
    private int _xid;

    public FakeCnxn Cnxn { get; } = cnxn;

    public ConnectResponse? Connected { get; private set; }

    public long SessionId => Connected!.SessionId;

    /// <summary>Notifications read while waiting for replies, in arrival order.</summary>
    public List<WatcherEvent> Events { get; } = [];

    public static async Task<TestClient> ConnectAsync(ZooKeeperServer server, int timeoutMs = 30_000, long sessionId = 0,
        byte[]? password = null, long lastZxidSeen = 0, int port = 40000)
    {
        var client = new TestClient(server, new FakeCnxn(port));
        client.Connected = await client.HandshakeAsync(new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password ?? new byte[16], false));
        return client;
    }

    /// <summary>Sends a ConnectRequest and returns the ConnectResponse, or null when the server just closed.</summary>
    public async Task<ConnectResponse?> HandshakeAsync(ConnectRequest request)
    {
        await server.SubmitAsync(RequestDecoder.DecodeConnect(Cnxn, Encode(request)));
        var frame = await Cnxn.ReadFrameAsync();
        if (frame is null)
        {
            return null;
        }
        var reader = new JuteReader(frame);
        return ConnectResponse.Deserialize(ref reader);
    }

    /// <summary>Sends a request and waits for its reply, collecting notifications that arrive first.</summary>
    public async Task<Reply> CallAsync(OpCode op, IJuteRecord? body = null)
    {
        var xid = await SendAsync(op, body);
        return await ReplyToAsync(xid);
    }

    public async Task<int> SendAsync(OpCode op, IJuteRecord? body = null, int? xid = null)
    {
        var chosen = xid ?? ++_xid;
        using var buffer = new FrameBuffer(256);
        var writer = new JuteWriter(buffer);
        new RequestHeader(chosen, (int)op).Serialize(writer);
        body?.Serialize(writer);
        await SendRawAsync(buffer.ToArray());
        return chosen;
    }

    /// <summary>Submits an already encoded RequestHeader + record.</summary>
    public ValueTask SendRawAsync(byte[] frame) => server.SubmitAsync(RequestDecoder.Decode(Cnxn, frame));

    public async Task<Reply> ReplyToAsync(int xid)
    {
        while (true)
        {
            var reply = await NextAsync() ?? throw new InvalidOperationException($"connection closed while waiting for xid {xid}");
            if (reply.IsNotification)
            {
                Events.Add(reply.Read<WatcherEvent>());
                continue;
            }
            Assert.Equal(xid, reply.Header.Xid);
            return reply;
        }
    }

    /// <summary>The next frame of any kind, or null once the server closed the connection.</summary>
    public async Task<Reply?> NextAsync(TimeSpan? timeout = null)
    {
        var frame = await Cnxn.ReadFrameAsync(timeout);
        return frame is null ? null : Reply.Parse(frame);
    }

    /// <summary>Waits for the next notification.</summary>
    public async Task<WatcherEvent> NextEventAsync()
    {
        if (Events.Count > 0)
        {
            var first = Events[0];
            Events.RemoveAt(0);
            return first;
        }
        var reply = await NextAsync() ?? throw new InvalidOperationException("connection closed while waiting for an event");
        Assert.True(reply.IsNotification, $"expected a notification, got the reply to xid {reply.Header.Xid}");
        return reply.Read<WatcherEvent>();
    }

    public Task<Reply> CreateAsync(string path, string data = "", CreateMode mode = CreateMode.Persistent, IReadOnlyList<Acl>? acl = null,
        OpCode op = OpCode.Create2) =>
        CallAsync(op, new CreateRequest(path, System.Text.Encoding.UTF8.GetBytes(data), acl ?? Acl.OpenAclUnsafe, (int)mode));

    public Task<Reply> GetDataAsync(string path, bool watch = false) => CallAsync(OpCode.GetData, new GetDataRequest(path, watch));

    public Task<Reply> SetDataAsync(string path, string data, int version = -1) =>
        CallAsync(OpCode.SetData, new SetDataRequest(path, System.Text.Encoding.UTF8.GetBytes(data), version));

    public Task<Reply> DeleteAsync(string path, int version = -1) => CallAsync(OpCode.Delete, new DeleteRequest(path, version));

    public Task<Reply> ExistsAsync(string path, bool watch = false) => CallAsync(OpCode.Exists, new ExistsRequest(path, watch));

    private static byte[] Encode(IJuteRecord record)
    {
        using var buffer = new FrameBuffer(128);
        record.Serialize(new JuteWriter(buffer));
        return buffer.ToArray();
    }
}
