namespace ZkNet.Admin.Console;

/// <summary>A console request that cannot be served: its HTTP status and the message the page shows.</summary>
public sealed class ConsoleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConsoleException() : this(500, "console error")
    {
    }

    /// <summary>Creates the exception with a message (status 400).</summary>
    public ConsoleException(string message) : this(400, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause (status 400).</summary>
    public ConsoleException(string message, Exception innerException) : base(message, innerException) => Status = 400;

    /// <summary>Creates the exception with a status and a message.</summary>
    public ConsoleException(int status, string message) : base(message) => Status = status;

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; }
}
