using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>Reported for the operations after the failing one in a multi, which were not applied.</summary>
public sealed class RuntimeInconsistencyException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public RuntimeInconsistencyException() : base(ErrorCode.RuntimeInconsistency, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public RuntimeInconsistencyException(string? path) : base(ErrorCode.RuntimeInconsistency, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public RuntimeInconsistencyException(string message, Exception? innerException) : base(ErrorCode.RuntimeInconsistency, null, message, innerException)
    {
    }
}
