using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>
/// Snapshots through real restarts: a damaged newest snapshot falls back to an older one plus the logs, and logs
/// with no snapshot at all are refused unless snapshot.trust.empty says to trust them, as Apache ZooKeeper does
/// (the trust rule runs against both servers).
/// </summary>
public sealed class SnapshotRecoveryTests
{
    public enum Damage
    {
        /// <summary>A byte in the middle: the seal at the end no longer matches.</summary>
        Middle,
        /// <summary>A byte of a node's parent in its path: the node has no parent, which shows before the seal does.</summary>
        ParentInPath,
        /// <summary>A byte of the tree digest after the nodes: the second seal, which covers it, no longer matches.</summary>
        TrailerDigest,
        /// <summary>The file cut inside its digest trailer (a crash or a full disk while it was sealed).</summary>
        TruncatedTrailer,
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(Damage.Middle)]
    [InlineData(Damage.ParentInPath)]
    [InlineData(Damage.TrailerDigest)]
    [InlineData(Damage.TruncatedTrailer)]
    public async Task When_the_newest_snapshot_is_corrupt_the_older_one_and_the_logs_rebuild_the_same_tree(Damage damage)
    {
        using var dir = new TestDirectory();
        // Each start writes a snapshot of what it recovered: the second start's is the newest, over batch "a".
        await WriteAndKillAsync(dir, "a");
        await WriteAndKillAsync(dir, "b");
        var expected = await WriteAndKillAsync(dir, "c");
        var snapshots = LogRecords.Snapshots(dir);
        Assert.True(snapshots.Count >= 3, "every start writes a snapshot");
        var newest = snapshots[0];
        var bytes = File.ReadAllBytes(newest.Path);
        var path = bytes.AsSpan().IndexOf("/b0/child"u8);
        Assert.True(path > 0, "the newest snapshot holds /b0/child");
        // The end of a snapshot: seal (long, string "/"), digest trailer (long zxid, int version, long digest), seal.
        const int Seal = 8 + 4 + 1;
        Assert.True(LogRecords.SnapshotDigest(newest.Path) is { Zxid: > 0 }, "ZkNet's snapshot records a digest");
        switch (damage)
        {
            case Damage.TruncatedTrailer:
                using (var file = new FileStream(newest.Path, FileMode.Open, FileAccess.Write))
                {
                    file.SetLength(bytes.Length - Seal - 4);
                }
                break;
            case Damage.TrailerDigest:
                LogRecords.FlipByte(newest.Path, bytes.Length - Seal - 2);
                break;
            default:
                LogRecords.FlipByte(newest.Path, damage == Damage.Middle ? bytes.Length / 2 : path + 1);
                break;
        }

        await using var server = await Servers.StartZkNetAsync(dir);
        Assert.Contains($"Skipping snapshot {newest.Path}", server.Output, StringComparison.Ordinal);
        Assert.Contains($"Loaded snapshot {snapshots[1].Path}", server.Output, StringComparison.Ordinal);
        await using var client = await WireClient.ConnectAsync(server.Port);
        TreeDump.AssertSame(expected, await TreeDump.ReadAsync(client), "tree rebuilt from the older snapshot and the logs");
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(ServerKind.ZkNet, "no valid snapshot in")]
    [InlineData(ServerKind.ApacheZooKeeper, "Not able to find valid snapshots in")]
    public async Task When_every_snapshot_is_corrupt_startup_is_refused_rather_than_replaying_logs_over_an_empty_tree(ServerKind kind, string message)
    {
        using var dir = new TestDirectory();
        await using (var server = await Servers.StartAsync(kind, dir))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            await WriteBatchAsync(client, "x");
            await server.KillAsync();
        }
        foreach (var snapshot in LogRecords.Snapshots(dir))
        {
            LogRecords.FlipByte(snapshot.Path, new FileInfo(snapshot.Path).Length / 2);
        }

        var (exitCode, output) = await Servers.RunUntilExitAsync(kind, dir);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(ServerKind.ZkNet)]
    [InlineData(ServerKind.ApacheZooKeeper)]
    public async Task Logs_without_any_snapshot_are_refused_unless_snapshot_trust_empty_is_set(ServerKind kind)
    {
        using var dir = new TestDirectory();
        SortedDictionary<string, DumpedNode> expected;
        await using (var server = await Servers.StartAsync(kind, dir))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            await WriteBatchAsync(client, "x");
            expected = await TreeDump.ReadAsync(client);
            await server.KillAsync();
        }
        foreach (var snapshot in LogRecords.Snapshots(dir))
        {
            File.Delete(snapshot.Path);
        }
        Assert.NotEmpty(LogRecords.ReadAll(dir));

        var (exitCode, output) = await Servers.RunUntilExitAsync(kind, dir);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("No snapshot found", output, StringComparison.Ordinal);
        Assert.Empty(LogRecords.Snapshots(dir));

        // ZooKeeper reads the setting as the system property zookeeper.snapshot.trust.empty; zoo.cfg's unknown keys
        // become zookeeper.* properties, so the same zoo.cfg line works for both servers.
        await using (var server = await Servers.StartAsync(kind, dir, new Dictionary<string, string> { ["snapshot.trust.empty"] = "true" }))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            TreeDump.AssertSame(expected, await TreeDump.ReadAsync(client), $"{kind} tree from the logs alone");
            Assert.DoesNotContain("snapshot.trust.empty is accepted but has no effect", server.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Starts ZkNet on <paramref name="dir"/>, writes a batch, returns the tree, kills the server.</summary>
    private static async Task<SortedDictionary<string, DumpedNode>> WriteAndKillAsync(TestDirectory dir, string batch)
    {
        await using var server = await Servers.StartZkNetAsync(dir);
        await using var client = await WireClient.ConnectAsync(server.Port);
        await WriteBatchAsync(client, batch);
        var tree = await TreeDump.ReadAsync(client);
        await server.KillAsync();
        return tree;
    }

    private static async Task WriteBatchAsync(WireClient client, string batch)
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.CreateAsync($"/{batch}{i}", $"{batch}-{i}")));
        Assert.All(replies, r => Assert.Equal(ErrorCode.Ok, r.Err));
        Assert.Equal(ErrorCode.Ok, (await client.SetDataAsync($"/{batch}0", "changed", 0)).Err);
        Assert.Equal(ErrorCode.Ok, (await client.DeleteAsync($"/{batch}1")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync($"/{batch}0/child", "c")).Err);
    }
}
