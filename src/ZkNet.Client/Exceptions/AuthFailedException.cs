using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The server refused the credentials; the client can do nothing more.</summary>
public sealed class AuthFailedException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public AuthFailedException() : base(ErrorCode.AuthFailed, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public AuthFailedException(string? path) : base(ErrorCode.AuthFailed, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public AuthFailedException(string message, Exception? innerException) : base(ErrorCode.AuthFailed, null, message, innerException)
    {
    }
}
