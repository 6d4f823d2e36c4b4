using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The session moved to another server.</summary>
public sealed class SessionMovedException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public SessionMovedException() : base(ErrorCode.SessionMoved, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public SessionMovedException(string? path) : base(ErrorCode.SessionMoved, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public SessionMovedException(string message, Exception? innerException) : base(ErrorCode.SessionMoved, null, message, innerException)
    {
    }
}
