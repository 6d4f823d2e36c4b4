using ZkNet.Protocol;

namespace ZkNet.Client.Exceptions;

/// <summary>No watcher of the given kind is registered on the path.</summary>
public sealed class NoWatcherException : KeeperException
{
    /// <summary>Creates the exception.</summary>
    public NoWatcherException() : base(ErrorCode.NoWatcher, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/> (null when no path applies).</summary>
    public NoWatcherException(string? path) : base(ErrorCode.NoWatcher, path)
    {
    }

    /// <summary>Creates the exception with a message of its own, wrapping another.</summary>
    public NoWatcherException(string message, Exception? innerException) : base(ErrorCode.NoWatcher, null, message, innerException)
    {
    }
}
