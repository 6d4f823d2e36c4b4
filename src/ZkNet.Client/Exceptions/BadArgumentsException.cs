using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>The server refused the request's arguments (e.g. a TTL node when extended types are disabled).</summary>
public sealed class BadArgumentsException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public BadArgumentsException() : base(ErrorCode.BadArguments, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public BadArgumentsException(string? path) : base(ErrorCode.BadArguments, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public BadArgumentsException(string message, Exception? innerException) : base(ErrorCode.BadArguments, null, message, innerException)
    {
    }
}
