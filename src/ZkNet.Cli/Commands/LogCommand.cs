using System.CommandLine;
using ZkNet.Cli.CommandLine;
using ZkNet.Cli.Output;

namespace ZkNet.Cli.Commands;

/// <summary><c>zknet log dump FILE [--json]</c>: reads one txn log file.</summary>
internal static class LogCommand
{
    public const string Usage = """
        usage: zknet log dump FILE [--json]   one line per txn: time, session, cxid, zxid, type and fields (multi expanded)
        FILE is a log.<zxid> file from a dataLogDir/version-2 folder (ZooKeeper's or ZkNet's).
        Exit codes: 0 read to a clean end, 1 missing or corrupt (the txns before the damage are printed), 2 usage,
        3 the file ends in a torn record, a write cut short by a crash (the txns before it are printed).
        """;

    /// <summary>Runs <c>zknet log</c> with the arguments after the verb.</summary>
    public static int Run(string[] args, ToolConsole console) => ZkNetCommandLine.Invoke(["log", .. args], console);

    /// <summary>The verb in the command tree.</summary>
    public static Command Create(ToolConsole console)
    {
        var file = new Argument<string>("FILE").NoOptions();
        var json = new Option<bool>("--json");
        var dump = new Command("dump") { file, json };
        dump.SetAction(r => LogDumpCommand.Run(r.GetRequiredValue(file), r.GetValue(json), console));
        return new Verb("log", Usage) { dump };
    }
}
