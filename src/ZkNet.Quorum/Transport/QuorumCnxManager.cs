using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Quorum.Auth;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// The election transport, wire-compatible with ZooKeeper's QuorumCnxManager (docs/quorum-protocol.md §1): one TCP
/// connection per pair of members, opened with the V1 handshake (protocol -65536, sid, own election address) and kept
/// only when the larger sid opened it (a smaller initiator hangs up after its handshake and the larger one calls
/// back); messages are an int length and a notification body; each peer has a one-message send slot (a newer vote
/// replaces an unsent older one) and a fresh connection re-sends the last message. Received notifications are read
/// from <see cref="Received"/>. Under <see cref="QuorumTls"/> the connections are TLS (docs/ensemble.md, "Quorum TLS"); under
/// <see cref="QuorumSasl"/> the opening member authenticates right after its handshake ("Quorum SASL").
/// </summary>
public sealed partial class QuorumCnxManager : IAsyncDisposable
{
    private readonly long _myId;
    private readonly HostPort _myAddress;
    private readonly IReadOnlyDictionary<long, HostPort> _peers;
    private readonly TimeSpan _connectTimeout;
    private readonly ILogger _logger;
    private readonly QuorumTls? _tls;
    private readonly QuorumSasl? _sasl;
    private readonly Dictionary<long, PeerLink> _links = [];
    private readonly Channel<(long Sid, Notification Notification)> _received =
        Channel.CreateBounded<(long, Notification)>(new BoundedChannelOptions(100) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;

    /// <summary>
    /// Creates the transport of member <paramref name="myId"/>, listening on (and advertising)
    /// <paramref name="myAddress"/>; <paramref name="peers"/> are the other members' election addresses;
    /// <paramref name="tls"/> (sslQuorum, portUnification) makes the connections TLS; <paramref name="sasl"/>
    /// (quorum.auth.*) authenticates them.
    /// </summary>
    public QuorumCnxManager(long myId, HostPort myAddress, IReadOnlyDictionary<long, HostPort> peers, TimeSpan? connectTimeout = null,
        ILogger? logger = null, QuorumTls? tls = null, QuorumSasl? sasl = null)
    {
        _tls = tls;
        _sasl = sasl;
        _myId = myId;
        _myAddress = myAddress;
        _peers = peers;
        _connectTimeout = connectTimeout ?? TimeSpan.FromSeconds(5);
        _logger = logger ?? NullLogger.Instance;
        foreach (var sid in peers.Keys.Where(s => s != myId))
        {
            _links[sid] = new PeerLink(sid);
        }
    }

    /// <summary>Notifications from other members, oldest dropped first when nobody reads (ZooKeeper's recvQueue).</summary>
    public ChannelReader<(long Sid, Notification Notification)> Received => _received.Reader;

    /// <summary>Binds the election port and starts accepting.</summary>
    public void Start()
    {
        _listener = new TcpListener(IPAddress.Parse(_myAddress.Host), _myAddress.Port);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>
    /// Queues <paramref name="notification"/> for <paramref name="sid"/> (replacing one not yet sent) and makes sure a
    /// connection is on its way.
    /// </summary>
    public void Send(long sid, Notification notification)
    {
        if (!_links.TryGetValue(sid, out var link))
        {
            LogUnknownSid(sid);
            return;
        }
        bool connect;
        lock (link)
        {
            link.Slot = notification;
            connect = link.Stream is null && !link.Connecting;
            link.Connecting |= connect;
        }
        link.Signal.Release();
        if (connect)
        {
            _ = Task.Run(() => ConnectAsync(link, _peers[sid]));
        }
    }

    /// <summary>Opens connections to every peer that has none (ZooKeeper's connectAll).</summary>
    public void ConnectAll()
    {
        foreach (var link in _links.Values)
        {
            bool connect;
            lock (link)
            {
                connect = link.Stream is null && !link.Connecting;
                link.Connecting |= connect;
            }
            if (connect)
            {
                _ = Task.Run(() => ConnectAsync(link, _peers[link.Sid]));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        foreach (var link in _links.Values)
        {
            lock (link)
            {
                link.Drop();
            }
        }
        _received.Writer.TryComplete();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ReceiveConnectionAsync(socket));
        }
    }

    /// <summary>
    /// An incoming connection: read the handshake; a smaller sid is hung up on and called back (at the address it
    /// advertised), a larger one is kept.
    /// </summary>
    private async Task ReceiveConnectionAsync(Socket socket)
    {
        socket.NoDelay = true;
        var remote = socket.RemoteEndPoint?.ToString() ?? "?";
        // Under quorum TLS this is the handshake (or the refusal of a plain peer), within the TLS detection timeout.
        if (await QuorumSockets.AcceptAsync(socket, _tls, "election", _stopping.Token).ConfigureAwait(false) is not { } stream)
        {
            return;
        }
        InitialMessage? hello;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_connectTimeout);
            hello = await ReadHandshakeAsync(stream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or InvalidDataException)
        {
            LogBadHandshake(remote, ex.Message);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        if (hello.Sid == _myId || !_links.TryGetValue(hello.Sid, out var link))
        {
            LogUnknownSid(hello.Sid);
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        // Quorum SASL: the opener authenticates whichever sid keeps the connection (QuorumCnxManager.handleConnection).
        if (await SaslQuorumAuthServer.AuthenticateAsync(_sasl, stream, $"server {hello.Sid} ({remote}, election)", _stopping.Token).ConfigureAwait(false) is not { } authenticated)
        {
            return;
        }
        stream = authenticated;
        if (hello.Sid < _myId)
        {
            // The larger sid keeps the connection: hang up and call back.
            await stream.DisposeAsync().ConfigureAwait(false);
            bool connect;
            lock (link)
            {
                connect = link.Stream is null && !link.Connecting;
                link.Connecting |= connect;
            }
            if (connect)
            {
                await ConnectAsync(link, hello.Addresses.Count > 0 ? hello.Addresses[0] : _peers[hello.Sid]).ConfigureAwait(false);
            }
            return;
        }
        Adopt(link, stream);
    }

    private async Task ConnectAsync(PeerLink link, HostPort address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(_connectTimeout);
            await socket.ConnectAsync(address.Host, address.Port, timeout.Token).ConfigureAwait(false);
            stream = await OpenAsync(link, address, socket, timeout.Token).ConfigureAwait(false);
            if (stream is not null)
            {
                await stream.WriteAsync(new InitialMessage(_myId, [_myAddress]).Encode(), timeout.Token).ConfigureAwait(false);
                if (!await SaslQuorumAuthLearner.AuthenticateAsync(_sasl, stream, $"server {link.Sid} at {address} (election)", timeout.Token).ConfigureAwait(false))
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    stream = null;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException)
        {
            LogConnectFailed(link.Sid, address.ToString(), ex.Message);
            stream = null;
        }
        // Not kept when it failed, nor when we are the smaller: our handshake told the larger one to call back.
        if (stream is null || link.Sid > _myId)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            socket.Dispose();
            lock (link)
            {
                link.Connecting = false;
            }
            return;
        }
        Adopt(link, stream);
    }

    /// <summary>The connection's stream (TLS under sslQuorum), or null when its handshake failed (logged: a peer's misconfiguration shows here).</summary>
    private async Task<Stream?> OpenAsync(PeerLink link, HostPort address, Socket socket, CancellationToken cancellationToken)
    {
        try
        {
            return await QuorumSockets.OpenAsync(socket, _tls, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !_stopping.IsCancellationRequested)
        {
            LogTlsConnectFailed(link.Sid, address.ToString(), ex.Message);
            return null;
        }
    }

    /// <summary>Makes <paramref name="stream"/> the peer's connection, replacing any older one, and starts its loops.</summary>
    private void Adopt(PeerLink link, Stream stream)
    {
        CancellationTokenSource loops;
        lock (link)
        {
            link.Drop();
            link.Stream = stream;
            link.Connecting = false;
            link.Loops = loops = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            // A fresh connection re-sends the last message when nothing newer waits (duplicates are harmless).
            link.Slot ??= link.LastSent;
        }
        link.Signal.Release();
        _ = Task.Run(() => SendLoopAsync(link, stream, loops.Token));
        _ = Task.Run(() => ReceiveLoopAsync(link, stream, loops.Token));
    }

    private static async Task SendLoopAsync(PeerLink link, Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await link.Signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                Notification? next;
                lock (link)
                {
                    next = link.Slot;
                    link.Slot = null;
                }
                if (next is null)
                {
                    continue;
                }
                var frame = new byte[4 + next.EncodedLength];
                BinaryPrimitives.WriteInt32BigEndian(frame, next.EncodedLength);
                next.Encode(frame.AsSpan(4));
                await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
                lock (link)
                {
                    link.LastSent = next;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            Disconnect(link, stream);
        }
    }

    private async Task ReceiveLoopAsync(PeerLink link, Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
                var length = BinaryPrimitives.ReadInt32BigEndian(header);
                if (length is <= 0 or > Notification.MaxMessageSize)
                {
                    throw new InvalidDataException($"received packet with invalid length {length}");
                }
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
                if (Notification.TryDecode(body, out var error) is { } notification)
                {
                    _received.Writer.TryWrite((link.Sid, notification));
                }
                else
                {
                    LogBadNotification(link.Sid, error!);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            Disconnect(link, stream);
        }
    }

    private static void Disconnect(PeerLink link, Stream stream)
    {
        lock (link)
        {
            if (link.Stream == stream)
            {
                link.Drop();
            }
        }
    }

    private static async Task<InitialMessage> ReadHandshakeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[20 + InitialMessage.MaxAddressLength];
        var filled = 0;
        while (true)
        {
            if (QuorumSockets.LooksLikeTls(buffer.AsSpan(0, Math.Min(filled, 2))))
            {
                // Read as a handshake, a ClientHello would pass for an old-style sid: say what it is instead.
                throw new InvalidDataException("a TLS handshake: that member has sslQuorum=true, and this one takes plain election connections only (set portUnification=true here to take both)");
            }
            var taken = InitialMessage.TryRead(buffer.AsSpan(0, filled), out var message, out var error);
            if (taken > 0)
            {
                return message!;
            }
            if (taken < 0)
            {
                throw new InvalidDataException(error);
            }
            // Read only what the handshake can still need: the messages behind it belong to the receive loop.
            var want = filled < 8 ? 8 - filled : filled < 20 ? 20 - filled : 20 + BinaryPrimitives.ReadInt32BigEndian(buffer.AsSpan(16)) - filled;
            var read = await stream.ReadAsync(buffer.AsMemory(filled, want), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("connection closed during the handshake");
            }
            filled += read;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring election connection from or to unknown server id {Sid}")]
    private partial void LogUnknownSid(long sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing election connection from {Remote}: {Reason}")]
    private partial void LogBadHandshake(string remote, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cannot open election connection to server {Sid} at {Address}: {Reason}")]
    private partial void LogConnectFailed(long sid, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS handshake with server {Sid} at {Address} failed: {Reason} (does it run with sslQuorum=true or portUnification=true, and do our trust stores hold each other's CA?)")]
    private partial void LogTlsConnectFailed(long sid, string address, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropping a malformed notification from server {Sid}: {Reason}")]
    private partial void LogBadNotification(long sid, string reason);

    /// <summary>One peer's connection and send slot (guarded by its own lock).</summary>
    private sealed class PeerLink(long sid)
    {
        public long Sid { get; } = sid;

        /// <summary>The connection's stream (TLS or the socket's own), which owns the socket.</summary>
        public Stream? Stream { get; set; }

        public bool Connecting { get; set; }

        public Notification? Slot { get; set; }

        public Notification? LastSent { get; set; }

        public CancellationTokenSource? Loops { get; set; }

        public SemaphoreSlim Signal { get; } = new(0);

        /// <summary>Closes the current connection, if any (caller holds the lock).</summary>
        public void Drop()
        {
            Loops?.Cancel();
            Loops?.Dispose();
            Loops = null;
            Stream?.Dispose();
            Stream = null;
        }
    }
}
