using System.Text.Json;
using ZkNet.Cli.Output;
using ZkNet.Persistence;
using ZkNet.Persistence.Snapshots;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet snapshot summary FILE</c>: the figures ZooKeeper's SnapshotComparer prints for one snapshot ("Node count",
/// "Total size", "Max depth", "Count of nodes at depth N") plus sessions, node kinds, the biggest nodes and parents,
/// and the digest trailer checked against the digest recomputed from the nodes.
/// </summary>
internal static class SnapshotSummaryCommand
{
    public static int Run(string file, bool json, ToolConsole console)
    {
        if (!SnapshotSource.TryOpen(file, console, "snapshot summary", out var source, out var exitCode))
        {
            return exitCode;
        }
        using (source)
        {
            var stats = new SnapshotStats();
            IReadOnlyList<KeyValuePair<long, int>> sessions = [];
            var aclCacheSize = 0;
            SnapshotDigest? digest = null;
            Exception? failure = null;
            try
            {
                sessions = source.Reader.ReadSessions();
                aclCacheSize = source.Reader.ReadAclCache().Count;
                while (source.Reader.TryReadNode(out var node))
                {
                    stats.Add(node);
                    source.Progress();
                }
                digest = source.Reader.ReadTrailer();
            }
            catch (Exception e) when (ToolErrors.IsFileProblem(e))
            {
                failure = e;
            }
            source.StopProgress();
            var nameZxid = SnapshotFileName.TryParse(Path.GetFileName(file), out var zxid, out _) ? zxid : -1;
            var summary = new Summary(file, source, stats, sessions.Count, aclCacheSize, digest, nameZxid, failure?.Message);
            if (json)
            {
                WriteJson(console, summary);
            }
            else
            {
                WriteText(console, summary);
            }
            return failure is null ? ExitCodes.Ok : ToolErrors.Report(console, "snapshot summary", file, failure);
        }
    }

    private sealed record Summary(string File, SnapshotSource Source, SnapshotStats Stats, int Sessions, int AclCacheSize,
        SnapshotDigest? Digest, long NameZxid, string? Error)
    {
        public FileHeader Header => Source.Reader.Header;

        public long LastZxid => Math.Max(NameZxid, Stats.MaxZxid);

        /// <summary>A digest trailer with zxid 0 records no digest (the writer had none, e.g. before any txn).</summary>
        public SnapshotDigest? Recorded => Digest is { Zxid: not 0 } d ? d : null;

        public bool? DigestMatches => Recorded is { } d ? d.Digest == Stats.ComputedDigest : null;
    }

    private static void WriteText(ToolConsole console, Summary s)
    {
        using var o = console.CreateTextWriter();
        var st = s.Stats;
        o.WriteLine($"Snapshot: {s.File} ({SnapshotDumpText.Compression(s.Source.Compression)}, {s.Source.FileLength} bytes): magic {JsonFields.Magic(s.Header.Magic)}, format version {s.Header.Version}, dbid {s.Header.DbId}");
        o.WriteLine($"Node count: {st.NodeCount}");
        o.WriteLine($"Total size: {st.TotalDataSize}");
        // Like SnapshotComparer, the number of levels: a tree of / and /a has depth 2.
        o.WriteLine($"Max depth: {st.NodesAtDepth.Count}");
        for (var depth = 0; depth < st.NodesAtDepth.Count; depth++)
        {
            o.WriteLine($"Count of nodes at depth {depth}: {st.NodesAtDepth[depth]}");
        }
        o.WriteLine($"Ephemeral nodes: {st.EphemeralNodes}, containers: {st.Containers}, TTL nodes: {st.TtlNodes}");
        o.WriteLine($"Sessions: {s.Sessions} ({st.EphemeralsBySession.Count} owning ephemerals)");
        o.WriteLine($"ACL cache entries: {s.AclCacheSize}");
        o.WriteLine("Largest data: " + List(st.Largest(), " bytes"));
        o.WriteLine("Most children: " + List(st.MostChildren(), ""));
        if (s.Recorded is { } d)
        {
            var verdict = s.DigestMatches == true ? "match" : "differ (expected for a snapshot taken while writes were applied)";
            o.WriteLine($"Digest: {ZnodeText.Hex(d.Digest)} (version {d.Version}) at zxid {ZnodeText.Hex(d.Zxid)}; the nodes sum to {ZnodeText.Hex(st.ComputedDigest)}: {verdict}");
        }
        else
        {
            var why = s.Digest is null ? "no digest trailer" : "trailer with zxid 0";
            o.WriteLine($"Digest: none recorded ({why}); the nodes sum to {ZnodeText.Hex(st.ComputedDigest)}");
        }
        o.WriteLine($"Last zxid: {ZnodeText.Hex(s.LastZxid)}");
        if (s.Error is not null)
        {
            o.WriteLine("Incomplete: " + s.Error);
        }
    }

    private static string List(IReadOnlyList<(string Path, long Size)> items, string unit) =>
        items.Count == 0 ? "-" : string.Join(", ", items.Select(i => $"{i.Path} ({i.Size}{unit})"));

    private static void WriteJson(ToolConsole console, Summary s)
    {
        var st = s.Stats;
        using (var json = SnapshotDumpJson.CreateWriter(console.Out))
        {
            json.WriteStartObject();
            json.WriteString("file", s.File);
            json.WriteString("compression", SnapshotDumpText.Compression(s.Source.Compression));
            json.WriteNumber("fileSize", s.Source.FileLength);
            JsonFields.Header(json, s.Header);
            if (s.NameZxid >= 0)
            {
                JsonFields.Hex(json, "nameZxid", s.NameZxid);
            }
            json.WriteNumber("nodeCount", st.NodeCount);
            json.WriteNumber("totalDataSize", st.TotalDataSize);
            json.WriteNumber("maxDepth", st.NodesAtDepth.Count);
            json.WriteStartArray("nodesAtDepth");
            st.NodesAtDepth.ForEach(json.WriteNumberValue);
            json.WriteEndArray();
            json.WriteNumber("ephemeralNodes", st.EphemeralNodes);
            json.WriteNumber("containers", st.Containers);
            json.WriteNumber("ttlNodes", st.TtlNodes);
            json.WriteNumber("sessions", s.Sessions);
            json.WriteNumber("sessionsWithEphemerals", st.EphemeralsBySession.Count);
            json.WriteNumber("aclCacheSize", s.AclCacheSize);
            WriteTop(json, "largest", "size", st.Largest());
            WriteTop(json, "mostChildren", "children", st.MostChildren());
            SnapshotDumpJson.WriteDigest(json, s.Digest);
            JsonFields.Hex(json, "computedDigest", st.ComputedDigest);
            if (s.DigestMatches is { } matches)
            {
                json.WriteBoolean("digestMatches", matches);
            }
            else
            {
                json.WriteNull("digestMatches");
            }
            JsonFields.Hex(json, "lastZxid", s.LastZxid);
            json.WriteBoolean("complete", s.Error is null);
            if (s.Error is not null)
            {
                json.WriteString("error", s.Error);
            }
            json.WriteEndObject();
        }
        console.Out.WriteByte((byte)'\n');
        console.Out.Flush();
    }

    private static void WriteTop(Utf8JsonWriter json, string name, string field, IReadOnlyList<(string Path, long Size)> items)
    {
        json.WriteStartArray(name);
        foreach (var (path, size) in items)
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteNumber(field, size);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
