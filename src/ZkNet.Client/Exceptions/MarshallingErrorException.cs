using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The request or reply could not be encoded or decoded.</summary>
public sealed class MarshallingErrorException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public MarshallingErrorException() : base(ErrorCode.MarshallingError, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public MarshallingErrorException(string? path) : base(ErrorCode.MarshallingError, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public MarshallingErrorException(string message, Exception? innerException) : base(ErrorCode.MarshallingError, null, message, innerException)
    {
    }
}
