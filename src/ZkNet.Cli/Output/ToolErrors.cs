using ZkNet.Protocol.Jute;

namespace ZkNet.Cli.Output;

/// <summary>How the file tools report a file they cannot read: one line on stderr, and exit code 1.</summary>
internal static class ToolErrors
{
    /// <summary>Whether <paramref name="e"/> is about the file (missing, unreadable, damaged) rather than a bug.</summary>
    public static bool IsFileProblem(Exception e) =>
        e is IOException or InvalidDataException or UnauthorizedAccessException or JuteException;

    /// <summary>Writes "zknet VERB: FILE: reason" and returns <see cref="ExitCodes.Failed"/>.</summary>
    public static int Report(ToolConsole console, string verb, string file, Exception e)
    {
        var reason = e switch
        {
            FileNotFoundException or DirectoryNotFoundException => "no such file",
            ZkNet.Persistence.TxnLog.TxnLogCorruptException t => $"corrupt at offset {t.Offset}: {t.Reason}",
            _ => e.Message,
        };
        console.Error.WriteLine($"zknet {verb}: {file}: {reason}");
        console.Error.Flush();
        return ExitCodes.Failed;
    }

    /// <summary>Writes "zknet VERB: message" plus the usage and returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int Usage(ToolConsole console, string verb, string? message, string usage)
    {
        if (message is not null)
        {
            console.Error.WriteLine($"zknet {verb}: {message}");
        }
        console.Error.WriteLine(usage);
        console.Error.Flush();
        return ExitCodes.Usage;
    }
}
