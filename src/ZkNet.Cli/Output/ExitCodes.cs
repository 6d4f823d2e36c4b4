namespace ZkNet.Cli.Output;

/// <summary>The exit codes of the file tools (snapshot, log, purge).</summary>
internal static class ExitCodes
{
    /// <summary>The file was read to its end (or the purge completed).</summary>
    public const int Ok = 0;

    /// <summary>The file is missing, unreadable or corrupt; what could be read before the damage was printed.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>A txn log ends in a torn record (a write cut short by a crash); every txn before it was printed.</summary>
    public const int TornLog = 3;
}
