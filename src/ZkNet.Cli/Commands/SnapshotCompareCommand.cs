using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Cli.Output;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet snapshot compare DIR DIR...</c>: the state each data directory recovers to (its newest valid snapshot and
/// the logged txns after it, as a starting server rebuilds it, but writing nothing: a torn log tail is reported, not
/// cut), compared node by node with the first's. Ensemble members that agree recover to identical trees and sessions;
/// this is how the fault tests check members on disk, ZkNet's and Apache ZooKeeper's alike.
/// </summary>
internal static class SnapshotCompareCommand
{
    /// <summary>Differences printed per pair; the count covers them all.</summary>
    private const int MaxListed = 20;

    public static int Run(IReadOnlyList<string> dirs, bool json, ToolConsole console)
    {
        var states = new List<State>();
        foreach (var dir in dirs)
        {
            if (!TryLoad(dir, console, out var state))
            {
                return ExitCodes.Failed;
            }
            states.Add(state);
        }
        var first = states[0];
        var pairs = states.Skip(1)
            .Select(other => (other, differences: TreeDifferences.Between(first.Db.Tree, first.Db.Sessions, other.Db.Tree, other.Db.Sessions).ToList()))
            .ToList();
        if (json)
        {
            WriteJson(console, states, pairs);
        }
        else
        {
            WriteText(console, first, pairs);
        }
        return pairs.All(p => p.differences.Count == 0) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private sealed record State(string Dir, RecoveredDatabase Db)
    {
        public string Describe() =>
            $"{Dir}: zxid 0x{Db.Tree.LastProcessedZxid:x}, {Db.Tree.NodeCount} nodes, {Db.Sessions.Count} sessions, " +
            $"snapshot 0x{Db.SnapshotZxid:x} + {Db.TxnsReplayed} txns" +
            (Db.DigestMismatches > 0 ? $", {Db.DigestMismatches} digest mismatch(es) while recovering" : "") +
            (Db.TornTail is { } torn ? $", log torn at {torn.File}:{torn.Offset} ({torn.Reason})" : "");
    }

    /// <summary>Loads a dataDir (or its version-2 folder) without writing to it; reports why it cannot.</summary>
    private static bool TryLoad(string dir, ToolConsole console, out State state)
    {
        state = null!;
        var dataDir = Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)) == FileTxnSnapLog.VersionDirectory
            ? Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(dir))!
            : dir;
        if (!Directory.Exists(Path.Combine(dataDir, FileTxnSnapLog.VersionDirectory)))
        {
            console.Error.WriteLine($"zknet snapshot compare: {dir} has no {FileTxnSnapLog.VersionDirectory} folder: name a dataDir (or its {FileTxnSnapLog.VersionDirectory})");
            return false;
        }
        try
        {
            var db = ZkDatabase.Load(new FileTxnSnapLog(dataDir), extendedTypesEnabled: true, trustEmptySnapshot: true,
                NullLogger.Instance, repairTornTail: false);
            state = new State(dir, db);
            return true;
        }
        catch (Exception e) when (ToolErrors.IsFileProblem(e))
        {
            console.Error.WriteLine($"zknet snapshot compare: {dir} cannot be recovered: {e.Message}");
            return false;
        }
    }

    private static void WriteText(ToolConsole console, State first, List<(State Other, List<string> Differences)> pairs)
    {
        using var o = console.CreateTextWriter();
        o.WriteLine(first.Describe());
        foreach (var (other, differences) in pairs)
        {
            o.WriteLine(other.Describe());
            o.WriteLine(differences.Count == 0
                ? "  identical to the first"
                : $"  {differences.Count} difference(s) from the first:");
            foreach (var line in differences.Take(MaxListed))
            {
                o.WriteLine("    " + line);
            }
            if (differences.Count > MaxListed)
            {
                o.WriteLine($"    ... and {differences.Count - MaxListed} more");
            }
        }
    }

    private static void WriteJson(ToolConsole console, List<State> states, List<(State Other, List<string> Differences)> pairs)
    {
        using var json = new Utf8JsonWriter(console.Out, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteBoolean("identical", pairs.All(p => p.Differences.Count == 0));
        json.WriteStartArray("dirs");
        foreach (var state in states)
        {
            var pair = pairs.FirstOrDefault(p => p.Other == state);
            json.WriteStartObject();
            json.WriteString("dir", state.Dir);
            JsonFields.Hex(json, "zxid", state.Db.Tree.LastProcessedZxid);
            json.WriteNumber("nodes", state.Db.Tree.NodeCount);
            json.WriteNumber("sessions", state.Db.Sessions.Count);
            JsonFields.Hex(json, "snapshotZxid", state.Db.SnapshotZxid);
            json.WriteNumber("txnsReplayed", state.Db.TxnsReplayed);
            if (state.Db.TornTail is { } torn)
            {
                json.WriteString("tornTail", $"{torn.File}:{torn.Offset} ({torn.Reason})");
            }
            if (pair.Differences is { } differences)
            {
                json.WriteNumber("differences", differences.Count);
                json.WriteStartArray("firstDifferences");
                differences.Take(MaxListed).ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
