using System.Net;
using Microsoft.Extensions.Logging;

namespace ZkNet.Hosting.Network;

/// <summary>
/// A session's life as the operator reads it in the log, in Apache ZooKeeper's words: "Established session 0x… with
/// negotiated timeout … for client …" when the ConnectResponse leaves (ZooKeeperServer.finishSessionInit), and "Closed
/// socket connection for client … which had sessionid 0x…" when the connection ends (NIOServerCnxn.closeSock), both at
/// Information for a connection that had a session, plus whether the client closed the session or it lives on until
/// it expires or its client reconnects. Connections without a session (four-letter words, refused handshakes) are
/// logged at Debug, so monitoring that polls srvr or ruok does not flood the log. The processor binds the session to
/// the connection (SessionId) before it stages the ConnectResponse, so the first delivery that sees a session id is
/// the one that carries it; expiry is logged by the processor ("Expiring session 0x…").
/// </summary>
internal sealed partial class SocketServerCnxn
{
    private int _sessionLogged;
    private volatile bool _closeSessionRequested;

    /// <summary>Called with each batch delivered: logs the session's establishment with the first one after the bind.</summary>
    private void NoteDelivery()
    {
        if (SessionId != 0 && Volatile.Read(ref _sessionLogged) == 0 && Interlocked.Exchange(ref _sessionLogged, 1) == 0)
        {
            LogSessionEstablished(SessionId, SessionTimeout, Remote);
        }
    }

    /// <summary>The client sent closeSession on this connection.</summary>
    private void NoteCloseSessionRequested() => _closeSessionRequested = true;

    /// <summary>Called once, as the connection closes.</summary>
    private void LogClosed()
    {
        if (Volatile.Read(ref _sessionLogged) == 0)
        {
            LogClosedWithoutSession(Remote);
        }
        else if (_closeSessionRequested)
        {
            LogClosedSessionEnded(Remote, SessionId);
        }
        else
        {
            LogClosedSessionKept(Remote, SessionId, SessionTimeout);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, EventName = "SessionEstablished",
        Message = "Established session 0x{SessionId:x} with negotiated timeout {TimeoutMs} for client {Remote}")]
    private partial void LogSessionEstablished(long sessionId, int timeoutMs, IPEndPoint remote);

    [LoggerMessage(Level = LogLevel.Information, EventName = "SessionClosed",
        Message = "Closed socket connection for client {Remote} which had sessionid 0x{SessionId:x}: the client closed the session")]
    private partial void LogClosedSessionEnded(IPEndPoint remote, long sessionId);

    [LoggerMessage(Level = LogLevel.Information, EventName = "SessionDisconnected",
        Message = "Closed socket connection for client {Remote} which had sessionid 0x{SessionId:x}: the session lives until it expires ({TimeoutMs} ms) unless the client reconnects")]
    private partial void LogClosedSessionKept(IPEndPoint remote, long sessionId, int timeoutMs);

    [LoggerMessage(Level = LogLevel.Debug, EventName = "ConnectionClosed",
        Message = "Closed socket connection for client {Remote} (no session established for client)")]
    private partial void LogClosedWithoutSession(IPEndPoint remote);
}
