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

    public static int Run(string[] args, ToolConsole console)
    {
        var verb = args.Length > 0 ? args[0] : null;
        if (verb != "dump")
        {
            return ToolErrors.Usage(console, "log", verb is null ? null : $"unknown subcommand '{verb}'", Usage);
        }
        var parsed = ToolArgs.Parse(args.Skip(1).ToList(), ["--json"], new Dictionary<string, string>(), out var error);
        if (parsed is null || parsed.Positionals.Count != 1)
        {
            return ToolErrors.Usage(console, "log dump", error ?? "expected exactly one FILE", Usage);
        }
        return LogDumpCommand.Run(parsed.Positionals[0], parsed.Has("--json"), console);
    }
}
