using System.Globalization;
using System.Text.Json;
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

    public static int Run(string[] args, ToolConsole console)
    {
        var parsed = ToolArgs.Parse(args, ["--json"], new Dictionary<string, string> { ["-n"] = "n", ["--count"] = "n" }, out var error);
        if (parsed is null || parsed.Positionals.Count is < 1 or > 2)
        {
            return ToolErrors.Usage(console, "purge", error ?? "expected DATADIR and optionally DATALOGDIR", Usage);
        }
        if (parsed.Option("n") is not { } countText)
        {
            return ToolErrors.Usage(console, "purge", "-n COUNT is required", Usage);
        }
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < FileTxnSnapLog.MinRetainCount)
        {
            return ToolErrors.Usage(console, "purge", $"COUNT must be a number >= {FileTxnSnapLog.MinRetainCount}, got '{countText}'", Usage);
        }
        var dataDir = parsed.Positionals[0];
        var dataLogDir = parsed.Positionals.Count > 1 ? parsed.Positionals[1] : null;
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
        if (parsed.Has("--json"))
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
