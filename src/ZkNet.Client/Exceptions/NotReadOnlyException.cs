using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>A state-changing request was sent to a read-only server.</summary>
public sealed class NotReadOnlyException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NotReadOnlyException() : base(ErrorCode.NotReadOnly, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NotReadOnlyException(string? path) : base(ErrorCode.NotReadOnly, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NotReadOnlyException(string message, Exception? innerException) : base(ErrorCode.NotReadOnly, null, message, innerException)
    {
    }
}
