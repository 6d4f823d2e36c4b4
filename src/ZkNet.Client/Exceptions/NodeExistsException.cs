using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The node already exists.</summary>
public sealed class NodeExistsException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NodeExistsException() : base(ErrorCode.NodeExists, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NodeExistsException(string? path) : base(ErrorCode.NodeExists, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NodeExistsException(string message, Exception? innerException) : base(ErrorCode.NodeExists, null, message, innerException)
    {
    }
}
