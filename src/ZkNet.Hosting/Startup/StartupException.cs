namespace ZkNet.Hosting.Startup;

/// <summary>
/// A server that cannot start for a reason the operator can fix: the data directory is held by another server, is
/// not a directory, cannot be created or written, or the client port is taken. The message is one line naming the
/// file (or port) and the fix; nothing has been written to the data directory when it is thrown.
/// </summary>
public sealed class StartupException : Exception
{
    /// <summary>Creates the exception with the operator's one-line message.</summary>
    public StartupException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the operator's one-line message and the underlying error.</summary>
    public StartupException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StartupException()
    {
    }
}
