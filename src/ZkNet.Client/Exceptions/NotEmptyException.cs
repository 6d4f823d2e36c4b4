using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The node has children, so it cannot be deleted.</summary>
public sealed class NotEmptyException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NotEmptyException() : base(ErrorCode.NotEmpty, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NotEmptyException(string? path) : base(ErrorCode.NotEmpty, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NotEmptyException(string message, Exception? innerException) : base(ErrorCode.NotEmpty, null, message, innerException)
    {
    }
}
