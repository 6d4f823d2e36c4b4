using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The session expired (or the client was closed): its ephemeral nodes are gone and this client can do nothing more. Create a new client.</summary>
public sealed class SessionExpiredException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public SessionExpiredException() : base(ErrorCode.SessionExpired, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public SessionExpiredException(string? path) : base(ErrorCode.SessionExpired, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public SessionExpiredException(string message, Exception? innerException) : base(ErrorCode.SessionExpired, null, message, innerException)
    {
    }
}
