using ZkNet.Cli.Output;

namespace ZkNet.Cli.Commands;

/// <summary><c>zknet snapshot dump|summary FILE [--json]</c>: reads one snapshot file.</summary>
internal static class SnapshotCommand
{
    public const string Usage = """
        usage: zknet snapshot dump FILE [--data] [--json]   every znode's stat (and data), the sessions, the digest
               zknet snapshot summary FILE [--json]         node count, sizes, depths, sessions, digest
               zknet snapshot compare DIR DIR... [--json]   the state each dataDir recovers to (newest snapshot and
                                                            the logs after it; nothing is written), node by node
        FILE is a snapshot.<zxid>[.gz|.snappy] file from a dataDir/version-2 folder, DIR a dataDir (ZooKeeper's or ZkNet's).
        Exit codes: 0 read whole (compare: identical), 1 missing or corrupt (what was read before the damage is
        printed; compare: they differ, or one cannot be recovered), 2 usage.
        """;

    public static int Run(string[] args, ToolConsole console)
    {
        var verb = args.Length > 0 ? args[0] : null;
        var parsed = ToolArgs.Parse(args.Skip(1).ToList(), verb == "dump" ? ["--json", "--data", "-d"] : ["--json"],
            new Dictionary<string, string>(), out var error);
        if (verb is not ("dump" or "summary" or "compare"))
        {
            return ToolErrors.Usage(console, "snapshot", verb is null ? null : $"unknown subcommand '{verb}'", Usage);
        }
        if (verb == "compare")
        {
            return parsed is null || parsed.Positionals.Count < 2
                ? ToolErrors.Usage(console, "snapshot compare", error ?? "expected two or more DIRs", Usage)
                : SnapshotCompareCommand.Run(parsed.Positionals, parsed.Has("--json"), console);
        }
        if (parsed is null || parsed.Positionals.Count != 1)
        {
            return ToolErrors.Usage(console, "snapshot " + verb, error ?? "expected exactly one FILE", Usage);
        }
        var file = parsed.Positionals[0];
        var json = parsed.Has("--json");
        return verb == "dump"
            ? SnapshotDumpCommand.Run(file, json, parsed.Has("--data") || parsed.Has("-d"), console)
            : SnapshotSummaryCommand.Run(file, json, console);
    }
}
