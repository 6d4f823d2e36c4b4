using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// One directed link of a <see cref="FaultNetwork"/>: a loopback listener that member <see cref="From"/> dials instead of
/// member <see cref="To"/>'s quorum or election port, forwarding every connection to the real port. While the link is
/// cut, connections it carries are frozen (nothing more is read from or written to either side, as when packets stop
/// arriving: the members notice only through their own timeouts) and new ones are accepted and left hanging
/// (a blackhole: the connect succeeds, nothing ever answers). Healing closes the frozen and hanging connections (as
/// TCP would have given up on them by then) and forwards new ones again.
/// </summary>
/// <remarks>
/// The side that opens an election connection announces its own election address in the handshake (protocol version,
/// sid, address), and both ZkNet and Apache ZooKeeper 3.8 dial that address back when the lower id opened the
/// connection (QuorumCnxManager.handleConnection). The announced address is the member's real one, which would
/// bypass the proxy, so an election link rewrites it to <see cref="AnnounceAs"/>: the proxy of the reverse link.
/// </remarks>
internal sealed class LinkProxy : IAsyncDisposable
{
    private const long ProtocolVersion1 = -65536;
    private const long ProtocolVersion2 = -65535;

    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly List<Socket> _frozen = [];
    private readonly HashSet<Pump> _live = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private bool _cut;

    /// <param name="reserved">
    /// Ports the members were told to bind (found free and released, so the OS could hand one out again here): never
    /// listened on, or a member starting later could not bind it.
    /// </param>
    public LinkProxy(long from, long to, bool election, IPEndPoint target, IReadOnlySet<int> reserved)
    {
        From = from;
        To = to;
        Election = election;
        _target = target;
        while (true)
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            if (!reserved.Contains(Port))
            {
                break;
            }
            _listener.Stop();
        }
        _accepting = AcceptAsync();
    }

    public long From { get; }

    public long To { get; }

    /// <summary>An election link (rewrites the handshake) rather than a quorum one.</summary>
    public bool Election { get; }

    /// <summary>The port <see cref="From"/>'s zoo.cfg names for <see cref="To"/>.</summary>
    public int Port { get; }

    /// <summary>For an election link, the address written into the handshake in place of the dialler's own.</summary>
    public string? AnnounceAs { get; set; }

    /// <summary>Connections accepted so far (a test can check that the members really talk through the proxy).</summary>
    public int Accepted { get; private set; }

    public bool IsCut
    {
        get
        {
            lock (_frozen)
            {
                return _cut;
            }
        }
    }

    /// <summary>Freezes the connections the link carries and blackholes new ones.</summary>
    public void Cut()
    {
        lock (_frozen)
        {
            _cut = true;
            foreach (var pump in _live)
            {
                pump.Freeze();
                _frozen.Add(pump.Client);
                _frozen.Add(pump.Server);
            }
            _live.Clear();
        }
    }

    /// <summary>Closes the frozen and hanging connections and forwards new ones again.</summary>
    public void Heal()
    {
        List<Socket> closing;
        lock (_frozen)
        {
            _cut = false;
            closing = [.. _frozen];
            _frozen.Clear();
        }
        foreach (var socket in closing)
        {
            Abort(socket);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            client.NoDelay = true;
            lock (_frozen)
            {
                Accepted++;
                if (_cut)
                {
                    // Blackholed: accepted (so the dialler's connect succeeds) and never read or answered.
                    _frozen.Add(client);
                    continue;
                }
            }
            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        Socket? server = null;
        Pump? pump = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            byte[]? handshake = null;
            if (Election)
            {
                handshake = await RewriteHandshakeAsync(client, timeout.Token);
            }
            server = await ConnectTargetAsync(timeout.Token);
            lock (_frozen)
            {
                if (_cut)
                {
                    // Cut while connecting: the connection hangs like the ones the cut froze.
                    _frozen.Add(client);
                    _frozen.Add(server);
                    return;
                }
                pump = new Pump(client, server);
                _live.Add(pump);
            }
            if (handshake is not null)
            {
                await server.SendAsync(handshake, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidDataException)
        {
            // The target is down (a killed member) or the dialler gave up: the dialler sees its connection close.
            Abort(client);
            if (server is not null)
            {
                Abort(server);
            }
            return;
        }
        await Task.WhenAll(pump.RunAsync(client, server), pump.RunAsync(server, client));
        lock (_frozen)
        {
            _live.Remove(pump);
        }
    }

    /// <summary>
    /// Connects to the real port, retrying for a while when it refuses. A direct dial that is refused fails at once and
    /// the member retries (a learner dials its new leader every second, five times), but through the proxy the dial has
    /// already succeeded, so a refusal would reach the member as a connection reset after connecting, which it takes
    /// for a failed sync: a leader that opens its quorum port a moment after its followers dial would lose them to a
    /// fresh election round for initLimit ticks. Retrying here keeps the proxy out of that race.
    /// </summary>
    private async Task<Socket> ConnectTargetAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (true)
        {
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await server.ConnectAsync(_target, cancellationToken);
                return server;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused && DateTime.UtcNow < deadline && !IsCut)
            {
                server.Dispose();
                // Polling a port another process is about to open: there is no event to wait on.
                await Task.Delay(50, cancellationToken);
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    /// <summary>Reads the election handshake from the dialler and returns it with <see cref="AnnounceAs"/> as the address.</summary>
    private async Task<byte[]> RewriteHandshakeAsync(Socket client, CancellationToken cancellationToken)
    {
        var head = new byte[20];
        await ReadExactlyAsync(client, head, cancellationToken);
        var version = BinaryPrimitives.ReadInt64BigEndian(head);
        if (version is not (ProtocolVersion1 or ProtocolVersion2))
        {
            throw new InvalidDataException($"election handshake with protocol version {version}");
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16));
        if (length is <= 0 or > 2048)
        {
            throw new InvalidDataException($"election handshake with address length {length}");
        }
        await ReadExactlyAsync(client, new byte[length], cancellationToken);
        var address = Encoding.ASCII.GetBytes(AnnounceAs ?? throw new InvalidOperationException("election link without AnnounceAs"));
        var rewritten = new byte[20 + address.Length];
        head.AsSpan(0, 16).CopyTo(rewritten);
        BinaryPrimitives.WriteInt64BigEndian(rewritten, ProtocolVersion1);
        BinaryPrimitives.WriteInt32BigEndian(rewritten.AsSpan(16), address.Length);
        address.CopyTo(rewritten, 20);
        return rewritten;
    }

    private static async Task ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("closed during the election handshake");
            }
            buffer = buffer[read..];
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            // A reset, not a FIN: the connection is gone, not finished.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        List<Socket> sockets;
        lock (_frozen)
        {
            sockets = [.. _frozen, .. _live.SelectMany(p => new[] { p.Client, p.Server })];
            _frozen.Clear();
            _live.Clear();
        }
        foreach (var socket in sockets)
        {
            Abort(socket);
        }
        _stop.Dispose();
    }

    /// <summary>Copies bytes both ways between a dialler and the real port until either closes or the link is cut.</summary>
    private sealed class Pump(Socket client, Socket server)
    {
        private volatile bool _frozen;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        public void Freeze() => _frozen = true;

        public async Task RunAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                while (!_frozen)
                {
                    var read = await from.ReceiveAsync(buffer);
                    if (read == 0 || _frozen)
                    {
                        break;
                    }
                    await to.SendAsync(buffer.AsMemory(0, read));
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
            if (!_frozen)
            {
                // One side closed: pass the close on (both sockets), as a direct connection would.
                Abort(Client);
                Abort(Server);
            }
        }
    }
}
