using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>
/// A bare ZooKeeper-protocol connection built on ZkNet.Protocol's records, for what real clients hide: the exact
/// frames and their order, a socket dropped without closing the session, a resumed session's handshake.
/// Every read is bounded.
/// </summary>
public sealed partial class RawZkConnection : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private int _xid;
    private long _lastSent = Stopwatch.GetTimestamp();

    private RawZkConnection(TcpClient client, ConnectResponse response)
    {
        _client = client;
        _stream = client.GetStream();
        Session = response;
    }

    /// <summary>The server's answer to the handshake.</summary>
    public ConnectResponse Session { get; }

    /// <summary>Every frame read so far, in arrival order, as (xid, header, whole frame).</summary>
    public List<(int Xid, ReplyHeader Header, byte[] Frame)> Arrivals { get; } = [];

    /// <summary>The watch notifications read so far.</summary>
    public IEnumerable<WatcherEvent> Notifications =>
        Arrivals.Where(a => a.Xid == Xids.Notification).Select(a => RawFrames.ReadReply<WatcherEvent>(a.Frame).Record);

    /// <summary>Opens a socket and performs the handshake (a new session unless an id and password are given).</summary>
    public static async Task<RawZkConnection> ConnectAsync(int port, int timeoutMs, long sessionId = 0, byte[]? password = null,
        long lastZxidSeen = 0)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using var cts = new CancellationTokenSource(ReadTimeout);
            await client.ConnectAsync("127.0.0.1", port, cts.Token);
            var stream = client.GetStream();
            var request = new ConnectRequest(0, lastZxidSeen, timeoutMs, sessionId, password ?? new byte[16], false);
            await stream.WriteAsync(RawFrames.Frame(request), cts.Token);
            var frame = await ReadFrameAsync(stream, cts.Token) ?? throw new IOException("server closed during the handshake");
            return new RawZkConnection(client, RawFrames.Read<ConnectResponse>(frame));
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request and reads frames until its reply; notifications on the way are kept.</summary>
    public async Task<(ReplyHeader Header, byte[] Body)> RequestAsync(OpCode op, IJuteRecord? body = null)
    {
        var xid = await SendAsync(op, body);
        while (true)
        {
            var (header, frame) = await ReadNextAsync() ?? throw new IOException($"server closed before replying to {op}");
            if (header.Xid == xid)
            {
                return (header, RawFrames.Body(frame));
            }
        }
    }

    /// <summary>Sends a request and parses the reply body as <typeparamref name="T"/> when the reply is not an error.</summary>
    public async Task<(int Err, T? Record)> CallAsync<T>(OpCode op, IJuteRecord? body) where T : class, IJuteRecord<T>
    {
        var (header, reply) = await RequestAsync(op, body);
        return (header.Err, header.Err == 0 ? RawFrames.Read<T>(reply) : null);
    }

    /// <summary>Sends a request with the next xid and returns that xid.</summary>
    public async Task<int> SendAsync(OpCode op, IJuteRecord? body = null)
    {
        var xid = op switch
        {
            OpCode.Ping => Xids.Ping,
            OpCode.Auth => Xids.Auth,
            OpCode.SetWatches or OpCode.SetWatches2 => Xids.SetWatches,
            _ => Interlocked.Increment(ref _xid),
        };
        var header = new RequestHeader(xid, (int)op);
        await SendRawAsync(body is null ? RawFrames.Frame(header) : RawFrames.Frame(header, body));
        return xid;
    }

    /// <summary>
    /// Sends a ping every <paramref name="interval"/> until cancelled, so that the session outlives waits longer
    /// than its timeout. The ping replies are read (and kept) by whoever reads frames meanwhile.
    /// </summary>
    public async Task KeepAliveAsync(TimeSpan interval, CancellationToken token)
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await SendAsync(OpCode.Ping);
                await Task.Delay(interval, token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Writes bytes as they are (a hand-made frame).</summary>
    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(ReadTimeout);
        await _stream.WriteAsync(bytes, cts.Token);
        Interlocked.Exchange(ref _lastSent, Stopwatch.GetTimestamp());
    }

    /// <summary>Time since the last frame was written: the server cannot have heard from this session since.</summary>
    public TimeSpan SinceLastSend => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSent));

    /// <summary>Reads the next frame, or null when the server closed the connection.</summary>
    public async Task<(ReplyHeader Header, byte[] Frame)?> ReadNextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? ReadTimeout);
        var frame = await ReadFrameAsync(_stream, cts.Token);
        if (frame is null)
        {
            return null;
        }
        var header = RawFrames.ReadHeader(frame);
        Arrivals.Add((header.Xid, header, frame));
        return (header, frame);
    }

    /// <summary>True when the server closes the connection within <paramref name="timeout"/> (frames before that are kept).</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        try
        {
            while (await ReadNextAsync(timeout) is not null)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Drops the TCP connection (reset) without closing the session, as a crashed client would.</summary>
    public void Abort()
    {
        _client.LingerState = new LingerOption(true, 0);
        _client.Close();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<byte[]?> ReadFrameAsync(NetworkStream stream, CancellationToken token)
    {
        var prefix = new byte[4];
        if (!await ReadExactlyOrEndAsync(stream, prefix, token))
        {
            return null;
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        // Replies may exceed jute.maxbuffer (the server does not bound what it sends), so only insanity is refused.
        if (length is < 0 or > 64 * 1024 * 1024)
        {
            throw new JuteException($"bad frame length {length}");
        }
        var frame = new byte[length];
        return await ReadExactlyOrEndAsync(stream, frame, token) ? frame : null;
    }

    private static async Task<bool> ReadExactlyOrEndAsync(NetworkStream stream, byte[] buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), token);
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
