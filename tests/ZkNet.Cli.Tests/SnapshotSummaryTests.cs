using System.Text.Json;
using System.Text.RegularExpressions;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.Persistence.Snapshots;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed class SnapshotSummaryTests(DataDirs dirs) : DataDirsTheories
{
    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Summary_gives_the_figures_ZooKeepers_SnapshotComparer_gives(ServerKind writer)
    {
        var file = dirs.Snapshots(writer)[^1];
        var theirs = await ZooKeeperTools.SnapshotComparerAsync(file);
        var ours = ToolRun.Of(SnapshotCommand.Run, "summary", file);

        Assert.Equal(0, ours.ExitCode);
        // The comparer prints the same block for its left and right side; the first one is enough.
        var figures = Regex.Matches(theirs, @"^(Node count|Total size|Max depth|Count of nodes at depth \d+): \d+$", RegexOptions.Multiline)
            .Select(m => m.Value).Distinct().ToList();
        Assert.True(figures.Count >= 5, theirs);
        foreach (var line in figures)
        {
            Assert.Contains(line, ours.Lines);
        }
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Digest_recomputed_from_the_nodes_of_a_quiet_snapshot_matches_the_one_the_server_recorded(ServerKind writer)
    {
        var run = ToolRun.Of(SnapshotCommand.Run, "summary", dirs.Snapshots(writer)[^1], "--json");

        Assert.Equal(0, run.ExitCode);
        var root = JsonDocument.Parse(run.Out).RootElement;
        var digest = root.GetProperty("digest");
        if (writer == ServerKind.ApacheZooKeeper || digest.GetProperty("zxid").GetString() != "0x0")
        {
            Assert.True(root.GetProperty("digestMatches").GetBoolean(), run.Out);
            Assert.Equal(digest.GetProperty("value").GetString(), root.GetProperty("computedDigest").GetString());
        }
        else
        {
            // A trailer with zxid 0 records no digest: there is nothing to match.
            Assert.Equal(JsonValueKind.Null, root.GetProperty("digestMatches").ValueKind);
        }
        var seen = dirs.Seen[writer].GetProperty("tree");
        Assert.Equal(seen.EnumerateObject().Count(), root.GetProperty("nodeCount").GetInt64());
        Assert.Equal(seen.EnumerateObject().Sum(n => n.Value.GetProperty("stat")[8].GetInt64()), root.GetProperty("totalDataSize").GetInt64());
        Assert.Equal(1, root.GetProperty("ephemeralNodes").GetInt64());
        Assert.Equal(1, root.GetProperty("containers").GetInt64());
        Assert.Equal(1, root.GetProperty("ttlNodes").GetInt64());
        Assert.Equal("/", root.GetProperty("mostChildren")[0].GetProperty("path").GetString());
        Assert.Equal(seen.GetProperty("/").GetProperty("stat")[9].GetInt64(), root.GetProperty("mostChildren")[0].GetProperty("children").GetInt64());
        // /p/bin and /m1 both hold 8 bytes, the most.
        Assert.Equal(8, root.GetProperty("largest")[0].GetProperty("size").GetInt64());
        Assert.Contains(root.GetProperty("largest").EnumerateArray().Take(2), l => l.GetProperty("path").GetString() == "/p/bin");
    }

    [Fact]
    public void Summary_reports_a_digest_mismatch_when_a_node_is_not_what_the_digest_covers()
    {
        using var dir = new TempDir();
        var changed = SnapshotRewriter.Rewrite(dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1], dir.Path, SnapshotCompression.None,
            (path, data) => path == "/p" ? "d4"u8.ToArray() : data);

        var run = ToolRun.Of(SnapshotCommand.Run, "summary", changed);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.Lines, l => l.StartsWith("Digest: ", StringComparison.Ordinal) && l.Contains(": differ", StringComparison.Ordinal));
    }
}
