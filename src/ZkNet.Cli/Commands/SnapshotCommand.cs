using System.CommandLine;
using ZkNet.Cli.CommandLine;
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

    /// <summary>Runs <c>zknet snapshot</c> with the arguments after the verb.</summary>
    public static int Run(string[] args, ToolConsole console) => ZkNetCommandLine.Invoke(["snapshot", .. args], console);

    /// <summary>The verb in the command tree: dump, summary and compare.</summary>
    public static Command Create(ToolConsole console)
    {
        var file = new Argument<string>("FILE").NoOptions();
        var json = new Option<bool>("--json");
        var data = new Option<bool>("--data", "-d");
        var dump = new Command("dump") { file, data, json };
        dump.SetAction(r => SnapshotDumpCommand.Run(r.GetRequiredValue(file), r.GetValue(json), r.GetValue(data), console));
        var summary = new Command("summary") { file, json };
        summary.SetAction(r => SnapshotSummaryCommand.Run(r.GetRequiredValue(file), r.GetValue(json), console));
        var dirs = new Argument<string[]>("DIR") { Arity = new ArgumentArity(2, 100_000) }.NoOptions();
        var compare = new Command("compare") { dirs, json };
        compare.SetAction(r => SnapshotCompareCommand.Run(r.GetRequiredValue(dirs), r.GetValue(json), console));
        return new Verb("snapshot", Usage) { dump, summary, compare };
    }
}
