using System.Globalization;
using System.CommandLine;
using ZkNet.Cli.CommandLine;
using ZkNet.Cli.Output;
using ZkNet.Persistence.DataDir;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet purge DATADIR [DATALOGDIR] -n COUNT</c>, ZooKeeper's PurgeTxnLog (zkCleanup.sh): keeps the COUNT newest
/// snapshots (at least 3) and the logs needed to replay from the oldest of them, and deletes the rest. Note the
/// order: ZooKeeper's tool takes the log directory first; this one takes the directories as zoo.cfg names them.
/// </summary>
internal static class PurgeCommand
{
    public const string Usage = """
        usage: zknet purge DATADIR [DATALOGDIR] -n COUNT [--json]
          keeps the COUNT (>= 3) newest snapshots in DATADIR/version-2 and the txn logs in DATALOGDIR/version-2
          (DATADIR when not given) needed to replay from the oldest of them; deletes older snapshots and logs.
        Exit codes: 0 done, 1 a directory is missing or a file cannot be deleted, 2 usage.
        """;

    /// <summary>Runs <c>zknet purge</c> with the arguments after the verb.</summary>
    public static int Run(string[] args, ToolConsole console) => ZkNetCommandLine.Invoke(["purge", .. args], console);

    /// <summary>The verb in the command tree.</summary>
    public static Command Create(ToolConsole console)
    {
        var dataDir = new Argument<string>("DATADIR").NoOptions();
        var dataLogDir = new Argument<string?>("DATALOGDIR") { Arity = ArgumentArity.ZeroOrOne }.NoOptions();
        var count = VerbOptions.Value("--count", "COUNT, how many snapshots to keep", CheckCount, "-n");
        count.Required = true;
        var json = new Option<bool>("--json");
        var purge = new Verb("purge", Usage) { dataDir, dataLogDir, count, json };
        purge.SetAction(r => Run(r.GetRequiredValue(dataDir), r.GetValue(dataLogDir),
            int.Parse(r.GetRequiredValue(count), CultureInfo.InvariantCulture), r.GetValue(json), console));
        return purge;
    }

    private static string? CheckCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= FileTxnSnapLog.MinRetainCount
            ? null
            : $"COUNT must be a number >= {FileTxnSnapLog.MinRetainCount}, got '{text}'";

    private static int Run(string dataDir, string? dataLogDir, int count, bool json, ToolConsole console)
    {
        foreach (var dir in new[] { dataDir, dataLogDir }.OfType<string>())
        {
            // FileTxnSnapLog would create a missing version-2 folder: a purge must never create what it was told to clean.
            if (!Directory.Exists(Path.Combine(dir, FileTxnSnapLog.VersionDirectory)))
            {
                var reason = Directory.Exists(dir) ? $"no {FileTxnSnapLog.VersionDirectory} folder: not a ZooKeeper data directory" : "no such directory";
                console.Error.WriteLine($"zknet purge: {dir}: {reason}");
                return ExitCodes.Failed;
            }
        }
        var snapLog = new FileTxnSnapLog(dataDir, dataLogDir);
        var before = Files(snapLog);
        IReadOnlyList<string> removed;
        try
        {
            removed = snapLog.Purge(count);
        }
        catch (Exception e) when (ToolErrors.IsFileProblem(e))
        {
            return ToolErrors.Report(console, "purge", dataDir, e);
        }
        var removedSet = removed.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var kept = before.Keys.Where(f => !removedSet.Contains(Path.GetFullPath(f))).Order(StringComparer.Ordinal).ToList();
        if (json)
        {
            WriteJson(console, snapLog, count, removed, before, kept);
        }
        else
        {
            using var o = console.CreateTextWriter();
            foreach (var file in removed)
            {
                // PurgeTxnLog's line: "Removing file: <last modified>\t<path>".
                o.WriteLine($"Removing file: {Modified(before, file)}\t{file}");
            }
            o.WriteLine($"Removed {removed.Count} files; kept {string.Join(", ", kept.Select(Path.GetFileName))}.");
        }
        return ExitCodes.Ok;
    }

    private static Dictionary<string, DateTime> Files(FileTxnSnapLog snapLog) =>
        Directory.EnumerateFiles(snapLog.SnapDir, "snapshot.*")
            .Concat(Directory.EnumerateFiles(snapLog.LogDir, "log.*"))
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(f => f, File.GetLastWriteTimeUtc, StringComparer.Ordinal);

    private static string Modified(Dictionary<string, DateTime> before, string file) =>
        before.TryGetValue(file, out var time) ? time.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "?";

    private static void WriteJson(ToolConsole console, FileTxnSnapLog snapLog, int count, IReadOnlyList<string> removed,
        Dictionary<string, DateTime> before, List<string> kept)
    {
        using (var json = SnapshotDumpJson.CreateWriter(console.Out))
        {
            json.WriteStartObject();
            json.WriteString("snapDir", snapLog.SnapDir);
            json.WriteString("logDir", snapLog.LogDir);
            json.WriteNumber("retainCount", count);
            json.WriteStartArray("removed");
            foreach (var file in removed)
            {
                json.WriteStartObject();
                json.WriteString("path", file);
                json.WriteString("modified", Modified(before, file));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("kept");
            kept.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        console.Out.WriteByte((byte)'\n');
        console.Out.Flush();
    }
}
