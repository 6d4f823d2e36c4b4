using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The expected version did not match the node's version.</summary>
public sealed class BadVersionException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public BadVersionException() : base(ErrorCode.BadVersion, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public BadVersionException(string? path) : base(ErrorCode.BadVersion, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public BadVersionException(string message, Exception? innerException) : base(ErrorCode.BadVersion, null, message, innerException)
    {
    }
}
