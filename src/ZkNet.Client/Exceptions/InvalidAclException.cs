using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The ACL is invalid (empty, unknown scheme, or an auth scheme with no authenticated identity).</summary>
public sealed class InvalidAclException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public InvalidAclException() : base(ErrorCode.InvalidAcl, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public InvalidAclException(string? path) : base(ErrorCode.InvalidAcl, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public InvalidAclException(string message, Exception? innerException) : base(ErrorCode.InvalidAcl, null, message, innerException)
    {
    }
}
