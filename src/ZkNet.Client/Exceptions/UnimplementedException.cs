using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The server does not implement the operation.</summary>
public sealed class UnimplementedException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public UnimplementedException() : base(ErrorCode.Unimplemented, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public UnimplementedException(string? path) : base(ErrorCode.Unimplemented, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public UnimplementedException(string message, Exception? innerException) : base(ErrorCode.Unimplemented, null, message, innerException)
    {
    }
}
