using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>
/// A bare TCP client that speaks ZooKeeper's wire protocol with ZkNet.Protocol records and nothing else, so tests
/// can send exactly the bytes they mean, broken ones included. Every read is bounded in time.
/// </summary>
internal sealed class RawClient : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Socket _socket;
    private int _xid;

    private RawClient(Socket socket) => _socket = socket;

    public ConnectResponse? Session { get; private set; }

    public static async Task<RawClient> OpenAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(endPoint, cts.Token);
        return new RawClient(socket);
    }

    /// <summary>Opens a connection and completes the handshake.</summary>
    public static async Task<RawClient> ConnectAsync(IPEndPoint endPoint, int timeoutMs = 30_000)
    {
        var client = await OpenAsync(endPoint);
        await client.SendAsync(Frame(new ConnectRequest(0, 0, timeoutMs, 0, new byte[16], false)));
        var frame = await client.ReadFrameAsync() ?? throw new InvalidOperationException("server closed during the handshake");
        var reader = new JuteReader(frame);
        client.Session = ConnectResponse.Deserialize(ref reader);
        return client;
    }

    /// <summary>Writes exists requests until a write has not completed for half a second (TCP stopped it); returns the bytes sent.</summary>
    public static async Task<long> FloodUntilBlockedAsync(Socket socket)
    {
        using var chunk = new MemoryStream();
        for (var i = 0; i < 1024; i++)
        {
            chunk.Write(RawClient.Frame(new RequestHeader(i + 1, (int)OpCode.Exists), new ExistsRequest("/zookeeper", false)));
        }
        var bytes = chunk.ToArray();
        long sent = 0;
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            using var write = CancellationTokenSource.CreateLinkedTokenSource(overall.Token);
            write.CancelAfter(TimeSpan.FromMilliseconds(500));
            try
            {
                sent += await socket.SendAsync(bytes, SocketFlags.None, write.Token);
            }
            catch (OperationCanceledException) when (!overall.IsCancellationRequested)
            {
                return sent;
            }
        }
    }

    /// <summary>A length-prefixed frame holding <paramref name="records"/> back to back.</summary>
    public static byte[] Frame(params IJuteRecord[] records)
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

    /// <summary>A request frame with the next xid.</summary>
    public byte[] Request(OpCode op, IJuteRecord? body, out int xid)
    {
        xid = ++_xid;
        return body is null ? Frame(new RequestHeader(xid, (int)op)) : Frame(new RequestHeader(xid, (int)op), body);
    }

    public Task SendAsync(byte[] bytes) => SendAsync(bytes.AsMemory());

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(bytes, SocketFlags.None, cts.Token);
    }

    /// <summary>Sends a request and reads its reply (notifications are not expected here).</summary>
    public async Task<(ReplyHeader Header, byte[] Body)> CallAsync(OpCode op, IJuteRecord? body = null)
    {
        await SendAsync(Request(op, body, out var xid));
        var reply = await ReadReplyAsync() ?? throw new InvalidOperationException($"connection closed before the reply to xid {xid}");
        Assert.Equal(xid, reply.Header.Xid);
        return reply;
    }

    public async Task<(ReplyHeader Header, byte[] Body)?> ReadReplyAsync()
    {
        var frame = await ReadFrameAsync();
        if (frame is null)
        {
            return null;
        }
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        return (header, reader.RemainingSpan.ToArray());
    }

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadFrameAsync()
    {
        var prefix = new byte[4];
        if (!await ReadExactlyAsync(prefix))
        {
            return null;
        }
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        return await ReadExactlyAsync(frame) ? frame : throw new InvalidOperationException("connection closed inside a frame");
    }

    /// <summary>Everything the server sends until it closes (four-letter word answers).</summary>
    public async Task<string> ReadToEndAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        using var stream = new NetworkStream(_socket, ownsSocket: false);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(cts.Token);
    }

    /// <summary>Whether the server closed the connection (EOF or reset) within the time limit.</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        var buffer = new byte[1];
        using var cts = new CancellationTokenSource(DefaultTimeout);
        try
        {
            while (true)
            {
                if (await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token) == 0)
                {
                    return true;
                }
            }
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Half-closes: the server sees end of stream, the client can still read.</summary>
    public void ShutdownSend() => _socket.Shutdown(SocketShutdown.Send);

    public void Dispose() => _socket.Dispose();

    private async Task<bool> ReadExactlyAsync(byte[] buffer)
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        var read = 0;
        try
        {
            while (read < buffer.Length)
            {
                var n = await _socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cts.Token);
                if (n == 0)
                {
                    return read == 0 ? false : throw new InvalidOperationException("connection closed inside a frame");
                }
                read += n;
            }
            return true;
        }
        catch (SocketException) when (read == 0)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no data from the server within the time limit");
        }
    }
}
