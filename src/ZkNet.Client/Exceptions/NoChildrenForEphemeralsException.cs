using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>Ephemeral nodes may not have children.</summary>
public sealed class NoChildrenForEphemeralsException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NoChildrenForEphemeralsException() : base(ErrorCode.NoChildrenForEphemerals, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NoChildrenForEphemeralsException(string? path) : base(ErrorCode.NoChildrenForEphemerals, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NoChildrenForEphemeralsException(string message, Exception? innerException) : base(ErrorCode.NoChildrenForEphemerals, null, message, innerException)
    {
    }
}
