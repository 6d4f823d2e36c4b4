namespace ZkNet.Cli.Shell;

/// <summary>A command line the shell cannot run as written; the message is printed as zkCli prints its own.</summary>
internal sealed class ShellUsageException : Exception
{
    public ShellUsageException()
    {
    }

    public ShellUsageException(string message) : base(message)
    {
    }

    public ShellUsageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
