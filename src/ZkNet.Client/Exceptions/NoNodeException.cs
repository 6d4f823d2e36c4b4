using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The node (or, for create, its parent) does not exist.</summary>
public sealed class NoNodeException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NoNodeException() : base(ErrorCode.NoNode, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NoNodeException(string? path) : base(ErrorCode.NoNode, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NoNodeException(string message, Exception? innerException) : base(ErrorCode.NoNode, null, message, innerException)
    {
    }
}
