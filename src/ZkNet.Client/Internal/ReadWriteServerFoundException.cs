namespace ZkNet.Client.Internal;

/// <summary>Ends a read-only connection because a server in read-write mode answered the probe.</summary>
internal sealed class ReadWriteServerFoundException : Exception
{
    public ReadWriteServerFoundException()
    {
    }

    public ReadWriteServerFoundException(string message) : base(message)
    {
    }

    public ReadWriteServerFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the server found.</summary>
    public ReadWriteServerFoundException((string Host, int Port) server) : base($"read-write server found at {server.Host}:{server.Port}")
    {
        Server = server;
    }

    /// <summary>The read-write server.</summary>
    public (string Host, int Port) Server { get; }
}
