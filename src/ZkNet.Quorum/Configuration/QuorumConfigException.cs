namespace ZkNet.Quorum.Configuration;

/// <summary>An ensemble configuration ZooKeeper would refuse (a server.N line, myid, or the quorum as a whole).</summary>
public sealed class QuorumConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QuorumConfigException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public QuorumConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public QuorumConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
