using Microsoft.Extensions.Logging;

namespace ZkNet.Hosting.Network;

/// <summary>
/// The handshake deadline: a connection must deliver its whole ConnectRequest (or a four-letter word) within the
/// sessionless connection timeout, or it is closed and logged once. Apache ZooKeeper's NIOServerCnxnFactory gives a
/// connection without a session zookeeper.nio.sessionlessCnxnTimeout (10 s) in an expiry queue of that interval, so
/// it closes such connections 10-20 s after their last I/O; ZkNet counts from the accept, so trickling bytes does not
/// keep a socket open either.
/// </summary>
internal sealed partial class SocketServerCnxn
{
    private const int HandshakePending = 0, HandshakeDone = 1, HandshakeExpired = 2;
    private ITimer? _handshakeTimer;
    private int _handshake;

    /// <summary>Arms the deadline; called once, when the connection starts running after its accept.</summary>
    private void StartHandshakeDeadline()
    {
        if (_limits.SessionlessCnxnTimeoutMs > 0)
        {
            _handshakeTimer = _limits.Time.CreateTimer(static state => ((SocketServerCnxn)state!).OnHandshakeDeadline(), this,
                TimeSpan.FromMilliseconds(_limits.SessionlessCnxnTimeoutMs), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Marks the handshake received; false when the deadline already closed the connection.</summary>
    private bool CompleteHandshake()
    {
        var won = Interlocked.CompareExchange(ref _handshake, HandshakeDone, HandshakePending) == HandshakePending;
        _handshakeTimer?.Dispose();
        return won || Volatile.Read(ref _handshake) == HandshakeDone;
    }

    private void OnHandshakeDeadline()
    {
        if (Interlocked.CompareExchange(ref _handshake, HandshakeExpired, HandshakePending) != HandshakePending)
        {
            return;
        }
        LogHandshakeTimeout(Remote, _limits.SessionlessCnxnTimeoutMs);
        _server.Metrics.Counter("sessionless_connections_expired").Add();
        Close();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing connection from {Remote}: no ConnectRequest within {TimeoutMs} ms")]
    private partial void LogHandshakeTimeout(System.Net.IPEndPoint remote, int timeoutMs);
}
