using System.Text.Json;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.Persistence.Snapshots;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed class SnapshotDumpTests(DataDirs dirs) : DataDirsTheories
{
    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Dump_prints_every_znode_with_the_stat_ZooKeepers_SnapshotFormatter_prints(ServerKind writer)
    {
        var snapshots = dirs.Snapshots(writer);
        // The newest (quiet) snapshot and one taken while the workload ran (fuzzy).
        foreach (var file in new[] { snapshots[^1], snapshots[snapshots.Count / 2] })
        {
            var theirs = await ZooKeeperTools.SnapshotFormatterAsync(file);
            var ours = ToolRun.Of(SnapshotCommand.Run, "dump", file);

            Assert.Equal(0, ours.ExitCode);
            Assert.Equal("", ours.Error);
            var expected = FormatterOutput.Nodes(theirs);
            var actual = FormatterOutput.Nodes(ours.Out);
            Assert.True(expected.Count > 5, theirs);
            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
            foreach (var (path, fields) in expected)
            {
                foreach (var (name, value) in fields)
                {
                    Assert.True(actual[path].TryGetValue(name, out var mine), $"{path}: no {name} in our dump");
                    Assert.True(value == mine, $"{file} {path}: {name} is {mine}, ZooKeeper says {value}");
                }
            }
            Assert.Equal(FormatterOutput.Sessions(theirs), FormatterOutput.Sessions(ours.Out));
            Assert.Equal(FormatterOutput.LastZxid(theirs), FormatterOutput.LastZxid(ours.Out));
            // ZooKeeper's DataTree holds the root under both "" and "/", so its count is one more than the nodes.
            Assert.Contains($"ZNode Details (count={expected.Count + 1}):", theirs, StringComparison.Ordinal);
            Assert.Contains($"ZNode count: {expected.Count}", ours.Out, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Json_dump_is_valid_and_holds_the_tree_the_client_saw(ServerKind writer)
    {
        var run = ToolRun.Of(SnapshotCommand.Run, "dump", dirs.Snapshots(writer)[^1], "--json", "--data");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("complete").GetBoolean());
        Assert.Equal("ZKSN", root.GetProperty("header").GetProperty("magic").GetString());
        var nodes = root.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("path").GetString()!);
        var seen = dirs.Seen[writer];
        foreach (var node in seen.GetProperty("tree").EnumerateObject())
        {
            Assert.True(nodes.TryGetValue(node.Name, out var mine), "missing " + node.Name);
            var stat = node.Value.GetProperty("stat");
            var data = node.Value.GetProperty("data");
            // kazoo reads null data as b'' in some paths; our dump keeps null as null.
            var ourData = mine.GetProperty("data");
            Assert.Equal(data.ValueKind == JsonValueKind.Null ? "" : data.GetString(), ourData.ValueKind == JsonValueKind.Null ? "" : ourData.GetString());
            Assert.Equal(stat[0].GetInt64(), Hex(mine, "czxid"));
            Assert.Equal(stat[1].GetInt64(), Hex(mine, "mzxid"));
            Assert.Equal(stat[2].GetInt64(), mine.GetProperty("ctime").GetInt64());
            Assert.Equal(stat[3].GetInt64(), mine.GetProperty("mtime").GetInt64());
            Assert.Equal(stat[4].GetInt32(), mine.GetProperty("version").GetInt32());
            Assert.Equal(stat[6].GetInt32(), mine.GetProperty("aversion").GetInt32());
            Assert.Equal(stat[8].GetInt32(), mine.GetProperty("dataLength").GetInt32());
            Assert.Equal(stat[10].GetInt64(), Hex(mine, "pzxid"));
        }
        Assert.Equal(seen.GetProperty("tree").EnumerateObject().Count(), root.GetProperty("nodeCount").GetInt64());
        var sessions = root.GetProperty("sessions").EnumerateArray().ToDictionary(s => Hex(s, "id"));
        Assert.Equal(1, sessions[seen.GetProperty("open").GetInt64()].GetProperty("ephemeralCount").GetInt32());
        Assert.False(sessions.ContainsKey(seen.GetProperty("closed").GetInt64()));
        var acl = nodes["/p/bin"].GetProperty("acl").EnumerateArray().Select(a => a.GetProperty("scheme").GetString() + ":" + a.GetProperty("perms").GetString());
        Assert.Equal(["digest:cdrwa", "world:r"], acl);
        Assert.Equal("multi é", nodes["/m1"].GetProperty("text").GetString());
        Assert.Contains("(ttl 3600000 ms)", ToolRun.Of(SnapshotCommand.Run, "dump", dirs.Snapshots(writer)[^1]).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_dump_with_data_quotes_text_and_shows_binary_as_base64()
    {
        var run = ToolRun.Of(SnapshotCommand.Run, "dump", dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1], "-d");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Lines;
        string DataOf(string path) => lines[Array.IndexOf(lines, path)..].First(l => l.StartsWith("  data = ", StringComparison.Ordinal));
        Assert.Equal("  data = \"d3\"", DataOf("/p"));
        Assert.Equal("  data = base64:" + Convert.ToBase64String([(byte)'t', (byte)'w', (byte)'o', 0, (byte)'b', (byte)'i', (byte)'n', 0xff]), DataOf("/p/bin"));
        Assert.Equal("  data = null", DataOf("/p/nulldata"));
        Assert.Contains("  ephemeralOwner = 0x8000000000000000 (container)", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SnapshotCompression.Gzip)]
    [InlineData(SnapshotCompression.Snappy)]
    public async Task A_compressed_snapshot_dumps_the_same_nodes_as_the_plain_one_and_as_ZooKeeper_reads_it(SnapshotCompression compression)
    {
        using var dir = new TempDir();
        var plain = dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1];
        var compressed = SnapshotRewriter.Rewrite(plain, dir.Path, compression);

        var ours = ToolRun.Of(SnapshotCommand.Run, "dump", compressed);
        var theirs = await ZooKeeperTools.SnapshotFormatterAsync(compressed);

        Assert.Equal(0, ours.ExitCode);
        Assert.Contains($"({(compression == SnapshotCompression.Gzip ? "gz" : "snappy")}, ", ours.Lines[0], StringComparison.Ordinal);
        Assert.Equal(ToolRun.Of(SnapshotCommand.Run, "dump", plain).Lines[2..], ours.Lines[2..]);
        Assert.Equal(FormatterOutput.Nodes(theirs).Keys.Order(StringComparer.Ordinal), FormatterOutput.Nodes(ours.Out).Keys.Order(StringComparer.Ordinal));
    }

    private static long Hex(JsonElement element, string name) => Convert.ToInt64(element.GetProperty(name).GetString()![2..], 16);
}
