using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>
/// Just enough of a ZooKeeper server in read-only mode (what a quorum member cut off from its peers becomes) to test
/// the client's side: it grants sessions flagged read-only, answers pings, refuses every other request with
/// NotReadOnly, and answers the "isro" four-letter word with "ro".
/// </summary>
public sealed class FakeReadOnlyServer : IAsyncDisposable
{
    /// <summary>The session id this server hands out.</summary>
    public const long SessionId = 0x5A5A;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly TaskCompletionSource<ConnectRequest> _firstConnect = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts listening on a free loopback port.</summary>
    public FakeReadOnlyServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary>host:port for clients.</summary>
    public string ConnectString => $"127.0.0.1:{Port}";

    /// <summary>The first ConnectRequest received.</summary>
    public Task<ConnectRequest> FirstConnect => _firstConnect.Task;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            var prefix = new byte[4];
            await ReceiveExactlyAsync(socket, prefix);
            if (prefix.AsSpan().SequenceEqual("isro"u8))
            {
                await socket.SendAsync("ro"u8.ToArray(), SocketFlags.None, _stop.Token);
                return;
            }
            var connect = await ReadBodyAsync(socket, prefix);
            var request = Decode(connect, static (ref JuteReader r) => ConnectRequest.Deserialize(ref r));
            _firstConnect.TrySetResult(request);
            await SendAsync(socket, new ConnectResponse(0, request.TimeOut, SessionId, new byte[16], ReadOnly: true));
            while (true)
            {
                await ReceiveExactlyAsync(socket, prefix);
                var body = await ReadBodyAsync(socket, prefix);
                var header = Decode(body, static (ref JuteReader r) => RequestHeader.Deserialize(ref r));
                var error = header.Xid == Xids.Ping ? ErrorCode.Ok : ErrorCode.NotReadOnly;
                await SendAsync(socket, new ReplyHeader(header.Xid, 0, (int)error));
            }
        }
        catch (Exception)
        {
            // The client went away or the server is stopping.
        }
    }

    private delegate T Reader<T>(ref JuteReader reader);

    private static T Decode<T>(byte[] body, Reader<T> read)
    {
        var reader = new JuteReader(body);
        return read(ref reader);
    }

    private async Task<byte[]> ReadBodyAsync(Socket socket, byte[] prefix)
    {
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        await ReceiveExactlyAsync(socket, body);
        return body;
    }

    private async Task ReceiveExactlyAsync(Socket socket, byte[] buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }
            filled += read;
        }
    }

    private async Task SendAsync(Socket socket, IJuteRecord record)
    {
        using var buffer = new FrameBuffer(256);
        var mark = buffer.BeginFrame();
        record.Serialize(new JuteWriter(buffer));
        buffer.EndFrame(mark);
        await socket.SendAsync(buffer.WrittenMemory, SocketFlags.None, _stop.Token);
    }
}
