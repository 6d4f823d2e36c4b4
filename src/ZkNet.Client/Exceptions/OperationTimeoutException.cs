using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The operation timed out on the server.</summary>
public sealed class OperationTimeoutException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public OperationTimeoutException() : base(ErrorCode.OperationTimeout, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public OperationTimeoutException(string? path) : base(ErrorCode.OperationTimeout, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public OperationTimeoutException(string message, Exception? innerException) : base(ErrorCode.OperationTimeout, null, message, innerException)
    {
    }
}
