using ZkNet.Cli.Output;

namespace ZkNet.Cli.Commands;

/// <summary><c>zknet snapshot dump|summary FILE [--json]</c>: reads one snapshot file.</summary>
internal static class SnapshotCommand
{
    public const string Usage = """
        usage: zknet snapshot dump FILE [--data] [--json]   every znode's stat (and data), the sessions, the digest
               zknet snapshot summary FILE [--json]         node count, sizes, depths, sessions, digest
        FILE is a snapshot.<zxid>[.gz|.snappy] file from a dataDir/version-2 folder (ZooKeeper's or ZkNet's).
        Exit codes: 0 read whole, 1 missing or corrupt (what was read before the damage is printed), 2 usage.
        """;

    public static int Run(string[] args, ToolConsole console)
    {
        var verb = args.Length > 0 ? args[0] : null;
        var parsed = ToolArgs.Parse(args.Skip(1).ToList(), verb == "dump" ? ["--json", "--data", "-d"] : ["--json"],
            new Dictionary<string, string>(), out var error);
        if (verb is not ("dump" or "summary"))
        {
            return ToolErrors.Usage(console, "snapshot", verb is null ? null : $"unknown subcommand '{verb}'", Usage);
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
