using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Support;

/// <summary>
/// A pipelining ZooKeeper client over ZkNet.Protocol records only: any number of requests may be in flight, replies
/// are matched by xid, watch notifications go to <see cref="Events"/>. When the connection drops every pending call
/// fails with <see cref="ConnectionLostException"/>, which is how a writer learns that a request was never
/// acknowledged. Every wait is bounded.
/// </summary>
internal sealed partial class WireClient : IAsyncDisposable
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    private readonly Socket _socket;
    private readonly Dictionary<int, TaskCompletionSource<WireReply>> _pending = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<WatcherEvent> _events = Channel.CreateUnbounded<WatcherEvent>();
    private readonly CancellationTokenSource _closing = new();
    private Task? _readLoop;
    private Task? _pingLoop;
    private int _xid;
    private bool _lost;

    private WireClient(Socket socket) => _socket = socket;

    /// <summary>The session (0 when the server refused it).</summary>
    public long SessionId { get; private set; }

    /// <summary>The session password.</summary>
    public byte[] Password { get; private set; } = new byte[16];

    /// <summary>The negotiated session timeout (0 when refused).</summary>
    public int SessionTimeout { get; private set; }

    /// <summary>Watch notifications, in arrival order.</summary>
    public ChannelReader<WatcherEvent> Events => _events.Reader;

    /// <summary>Completes when the connection is gone.</summary>
    public Task Closed => _readLoop ?? Task.CompletedTask;

    /// <summary>
    /// Connects and opens a session (or resumes <paramref name="sessionId"/> with <paramref name="password"/>). A
    /// refused resume returns a client whose <see cref="SessionId"/> is 0.
    /// </summary>
    public static async Task<WireClient> ConnectAsync(int port, int timeoutMs = 30_000, long sessionId = 0, byte[]? password = null,
        long lastZxidSeen = 0)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var client = new WireClient(socket);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cts.Token);
            await socket.SendAsync(Frame(new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password ?? new byte[16], false)), cts.Token);
            var frame = await client.ReadFrameAsync(cts.Token) ?? throw new ConnectionLostException("closed during the handshake");
            var reader = new JuteReader(frame);
            var response = ConnectResponse.Deserialize(ref reader);
            client.SessionId = response.SessionId;
            client.Password = response.Passwd ?? new byte[16];
            client.SessionTimeout = response.TimeOut;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            socket.Dispose();
            throw new ConnectionLostException("connect failed: " + e.Message, e);
        }
        client._readLoop = Task.Run(client.ReadLoopAsync);
        if (client.SessionId != 0)
        {
            client._pingLoop = Task.Run(client.PingLoopAsync);
        }
        return client;
    }

    /// <summary>Sends a request and returns its reply; throws <see cref="ConnectionLostException"/> if none comes.</summary>
    public async Task<WireReply> CallAsync(OpCode op, IJuteRecord? body)
    {
        var completion = new TaskCompletionSource<WireReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        int xid;
        lock (_pending)
        {
            if (_lost)
            {
                throw new ConnectionLostException("connection already lost");
            }
            xid = ++_xid;
            _pending[xid] = completion;
        }
        await SendAsync(body is null ? Frame(new RequestHeader(xid, (int)op)) : Frame(new RequestHeader(xid, (int)op), body));
        return await completion.Task.WaitAsync(CallTimeout);
    }

    /// <summary>Drops the connection without closing the session (as a crashed client would).</summary>
    public void Abort()
    {
        _closing.Cancel();
        _socket.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        if (_readLoop is not null)
        {
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        if (_pingLoop is not null)
        {
            await _pingLoop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        _closing.Dispose();
        _sendLock.Dispose();
    }

    private static byte[] Frame(params IJuteRecord[] records)
    {
        using var buffer = new FrameBuffer(256);
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        foreach (var record in records)
        {
            record.Serialize(writer);
        }
        buffer.EndFrame(mark);
        return buffer.ToArray();
    }

    private async Task SendAsync(byte[] frame)
    {
        await _sendLock.WaitAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _socket.SendAsync(frame, SocketFlags.None, cts.Token);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The read loop fails every pending call; this one included.
            Fail();
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
