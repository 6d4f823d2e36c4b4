using ZkNet.Server;

namespace ZkNet.Cli.Commands;

/// <summary>
/// The top-level usage, <c>zknet VERB --help</c> (that verb's lines, on stdout, exit 0) and <c>zknet --version</c>:
/// the words the command tree's help and version actions print.
/// </summary>
internal static class VerbHelp
{
    public const string Usage = """
        usage: zknet server [--config zoo.cfg] [--log-level LEVEL] [--log-format text|json|systemd]   run a standalone server (default: 127.0.0.1:2181, data in ./zknet-data; ZKNET_LOG_LEVEL, ZKNET_LOG_FORMAT)
               zknet cli -server host:port[/chroot] [-timeout ms] [-r] [-client-configuration FILE] [cmd args...]   zkCli's commands (interactive without a command)
               zknet lock [--server host:port] PATH -- COMMAND [ARGS]    run COMMAND holding the mutex at PATH (Curator's layout)
               zknet elect [--server host:port] PATH -- COMMAND [ARGS]   run COMMAND while leader of the election at PATH
               zknet snapshot dump|summary FILE [--json]   read a snapshot file (ZooKeeper's format)
               zknet snapshot compare DIR DIR... [--json]  whether data directories recover to identical trees
               zknet log dump FILE [--json]                read a txn log file
               zknet purge DATADIR [DATALOGDIR] -n COUNT   delete all but the COUNT newest snapshots and their logs
               zknet completion bash|zsh|fish              print a shell completion script for zknet
               zknet --version                             the version and the commit it was built from
        """;

    /// <summary>What --version prints.</summary>
    public static string Version =>
        $"zknet {BuildInfo.ZkNetVersion} (commit {BuildInfo.Commit}" +
        (BuildInfo.CommitTime is { } t ? $" of {t.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "") +
        $"), ZooKeeper {BuildInfo.ZooKeeperCompatibility} compatible";

    /// <summary>
    /// Writes the usage lines of <paramref name="verb"/> (what --help, -h and <c>zknet help VERB</c> print, on stdout
    /// with exit 0); false for a name that is not a verb. zknet cli keeps zkCli's own -h.
    /// </summary>
    public static bool TryWrite(string verb, TextWriter output)
    {
        var lines = UsageOf(verb);
        if (lines.Length == 0)
        {
            return false;
        }
        output.WriteLine("usage: " + string.Join(Environment.NewLine + "       ", lines));
        return true;
    }

    private static string[] UsageOf(string verb) =>
        [.. Usage.Split('\n').Select(l => l.Trim()).Select(l => l.StartsWith("usage: ", StringComparison.Ordinal) ? l[7..] : l)
            .Where(l => l.StartsWith($"zknet {verb} ", StringComparison.Ordinal))];
}
