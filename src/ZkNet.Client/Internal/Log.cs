using Microsoft.Extensions.Logging;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>The client's log messages (source-generated, so disabled levels cost nothing).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Connecting to {Host}:{Port} (session 0x{SessionId:x})")]
    public static partial void Connecting(ILogger logger, string host, int port, long sessionId);

    [LoggerMessage(2, LogLevel.Information, "Session 0x{SessionId:x} established on {Host}:{Port}, negotiated timeout {TimeoutMs} ms{ReadOnly}")]
    public static partial void Connected(ILogger logger, long sessionId, string host, int port, int timeoutMs, string readOnly);

    [LoggerMessage(3, LogLevel.Warning, "Connection to {Host}:{Port} for session 0x{SessionId:x} lost; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string host, int port, long sessionId, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Could not connect to {Host}:{Port}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, Exception exception);

    [LoggerMessage(5, LogLevel.Warning, "Session 0x{SessionId:x} has expired")]
    public static partial void SessionExpired(ILogger logger, long sessionId);

    [LoggerMessage(6, LogLevel.Warning, "Authentication failed for session 0x{SessionId:x}")]
    public static partial void AuthFailed(ILogger logger, long sessionId);

    [LoggerMessage(7, LogLevel.Error, "Watcher threw while handling {Type} {State} {Path}")]
    public static partial void WatcherFailed(ILogger logger, EventType type, KeeperState state, string? path, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Session 0x{SessionId:x} closed")]
    public static partial void Closed(ILogger logger, long sessionId);

    [LoggerMessage(9, LogLevel.Warning, "Notification for {Path} lies outside the chroot {Chroot}; ignored")]
    public static partial void OutsideChroot(ILogger logger, string path, string chroot);

    [LoggerMessage(10, LogLevel.Warning, "A connection state listener failed on {State}")]
    public static partial void StateListenerFailed(ILogger logger, ConnectionState state, Exception exception);
}
