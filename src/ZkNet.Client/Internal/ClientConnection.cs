using System.Buffers;
using System.Net.Sockets;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>
/// One TCP connection of a session: the handshake, then a writer (requests from the shared queue, batched into one
/// send), a reader (replies matched against one FIFO queue of in-flight requests by xid, notifications handed to
/// the owner) and a heartbeat (pings when idle, and a deadline on hearing from the server). When any of them
/// stops, the connection is over and every request still in flight fails.
/// </summary>
internal sealed partial class ClientConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private System.Net.Security.SslStream? _tls;
    private readonly IConnectionOwner _owner;
    private readonly int _maxPacketLength;
    private readonly Queue<Packet> _pending = new();
    private readonly Queue<Packet> _pendingAuth = new();
    private readonly Lock _pendingGate = new();
    private bool _failed;
    private byte[] _readBuffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _readStart;
    private int _readEnd;
    private long _lastSend = Environment.TickCount64;
    private long _lastHeard = Environment.TickCount64;

    private ClientConnection(Socket socket, IConnectionOwner owner, string host, int port, int maxPacketLength)
    {
        _socket = socket;
        _owner = owner;
        Host = host;
        Port = port;
        _maxPacketLength = maxPacketLength;
    }

    /// <summary>The server's host as the connect string names it.</summary>
    public string Host { get; }

    /// <summary>The server's port.</summary>
    public int Port { get; }

    /// <summary>
    /// Connects, sends <paramref name="request"/> and reads the server's ConnectResponse, all within
    /// <paramref name="timeout"/>; throws <see cref="TimeoutException"/> when it takes longer.
    /// </summary>
    public static async Task<(ClientConnection Connection, ConnectResponse Response)> OpenAsync(IConnectionOwner owner,
        string host, int port, ConnectRequest request, TimeSpan timeout, int maxPacketLength, ZooKeeperTlsOptions? tls,
        CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connection = new ClientConnection(socket, owner, host, port, maxPacketLength);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            if (tls is not null)
            {
                connection._tls = await ClientTls.AuthenticateAsync(socket, host, tls, deadline.Token).ConfigureAwait(false);
            }
            using (var buffer = new FrameBuffer(256))
            {
                var mark = buffer.BeginFrame();
                request.Serialize(new JuteWriter(buffer));
                buffer.EndFrame(mark);
                await connection.SendAsync(buffer.WrittenMemory, deadline.Token).ConfigureAwait(false);
            }
            while (true)
            {
                if (connection.TryTakeFrame(out var offset, out var length))
                {
                    var reader = new JuteReader(connection._readBuffer.AsSpan(offset, length));
                    return (connection, ConnectResponse.Deserialize(ref reader));
                }
                await connection.FillAsync(deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"no session from {host}:{port} within {timeout.TotalMilliseconds:0} ms");
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs the connection until it fails or <paramref name="cancellationToken"/> fires. <paramref name="primer"/>
    /// (auth and setWatches) goes out first, ahead of anything queued. Always ends by throwing the cause.
    /// </summary>
    /// <param name="primer">Packets sent before anything queued.</param>
    /// <param name="sessionTimeout">The negotiated session timeout (sets the ping interval and read timeout).</param>
    /// <param name="watchdog">Optional extra work that ends the connection when it completes (the search for a
    /// read-write server while connected read-only).</param>
    /// <param name="cancellationToken">Ends the connection.</param>
    public async Task RunAsync(IReadOnlyList<Packet> primer, TimeSpan sessionTimeout, Func<CancellationToken, Task>? watchdog,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = new List<Task>
        {
            WriteLoopAsync(primer, stop.Token),
            ReadLoopAsync(stop.Token),
            HeartbeatAsync(sessionTimeout, stop.Token),
        };
        if (watchdog is not null)
        {
            tasks.Add(watchdog(stop.Token));
        }
        var first = await Task.WhenAny(tasks).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        CloseSocket();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            // Only the first failure is the cause; the others are the consequence of stopping.
        }
        await first.ConfigureAwait(false);
        throw new IOException("connection ended");
    }

    /// <summary>Fails every request sent on this connection and not yet answered; later ones fail at once.</summary>
    public void FailPending(Func<Exception> error)
    {
        List<Packet> failed;
        lock (_pendingGate)
        {
            _failed = true;
            failed = [.. _pending, .. _pendingAuth];
            _pending.Clear();
            _pendingAuth.Clear();
        }
        foreach (var packet in failed)
        {
            packet.Fail(error());
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        CloseSocket();
        _socket.Dispose();
        _tls?.Dispose();
        var buffer = Interlocked.Exchange(ref _readBuffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return ValueTask.CompletedTask;
    }

    private void CloseSocket()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        _socket.Close();
    }

    private async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (_tls is not null)
        {
            await _tls.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _tls.FlushAsync(cancellationToken).ConfigureAwait(false);
            bytes = default;
        }
        while (!bytes.IsEmpty)
        {
            var sent = await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
        Volatile.Write(ref _lastSend, Environment.TickCount64);
    }
}
