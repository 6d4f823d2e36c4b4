using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The connection to the server was lost before the reply arrived: the operation may or may not have been applied. The session may still be alive; the client reconnects by itself.</summary>
public sealed class ConnectionLossException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public ConnectionLossException() : base(ErrorCode.ConnectionLoss, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public ConnectionLossException(string? path) : base(ErrorCode.ConnectionLoss, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public ConnectionLossException(string message, Exception? innerException) : base(ErrorCode.ConnectionLoss, null, message, innerException)
    {
    }
}
