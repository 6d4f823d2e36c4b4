using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The node's ACL does not grant this permission to the connection's identities.</summary>
public sealed class NoAuthException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NoAuthException() : base(ErrorCode.NoAuth, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NoAuthException(string? path) : base(ErrorCode.NoAuth, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NoAuthException(string message, Exception? innerException) : base(ErrorCode.NoAuth, null, message, innerException)
    {
    }
}
