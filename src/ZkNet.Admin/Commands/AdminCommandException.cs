namespace ZkNet.Admin.Commands;

/// <summary>A command refused its input; the message becomes the answer's "error", as in ZooKeeper.</summary>
public sealed class AdminCommandException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AdminCommandException()
    {
    }

    /// <summary>Creates the exception with the error to report.</summary>
    public AdminCommandException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with the error to report and its cause.</summary>
    public AdminCommandException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
