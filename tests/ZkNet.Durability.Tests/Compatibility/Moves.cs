using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.Server.Sessions;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Compatibility;

/// <summary>Steps shared by the tests that move a data directory between Apache ZooKeeper and ZkNet.</summary>
internal static class Moves
{
    /// <summary>A snapshot every 5 to 10 txns: the workload leaves several snapshots and logs.</summary>
    public static readonly Dictionary<string, string> FrequentSnapshots = new() { ["snapCount"] = "10" };

    /// <summary>No snapshot but the one taken at startup, so the txns written afterwards stay in the log only.</summary>
    public static readonly Dictionary<string, string> StartupSnapshotOnly = new() { ["snapCount"] = "100000" };

    /// <summary>Runs the kazoo workload (every txn type) with names under /<paramref name="phase"/>.</summary>
    public static async Task<WorkloadSessions> RunWorkloadAsync(ServerProcess server, string phase)
    {
        var json = await Kazoo.RunFileAsync("Compatibility/workload.py", server.ConnectString, phase);
        return new WorkloadSessions(json.GetProperty("open").GetInt64(), Convert.FromHexString(json.GetProperty("password").GetString()!),
            json.GetProperty("closed").GetInt64());
    }

    /// <summary>
    /// A few writes after the server's startup snapshot, which with <see cref="StartupSnapshotOnly"/> leaves a data
    /// directory whose newest snapshot is followed by txns that only the log holds.
    /// </summary>
    public static async Task WriteAfterStartupSnapshotAsync(ServerProcess server, string phase)
    {
        await using var client = await WireClient.ConnectAsync(server.Port);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync($"/{phase}/late", "late")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.SetDataAsync($"/{phase}/n00", "late change")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.DeleteAsync($"/{phase}/n01")).Err);
        Assert.Equal(ErrorCode.Ok, (await client.CloseSessionAsync()).Err);
    }

    /// <summary>The whole tree as a client authenticated as the workload's digest user sees it (digest ACLs in full).</summary>
    public static async Task<SortedDictionary<string, DumpedNode>> DumpAsync(ServerProcess server)
    {
        await using var client = await WireClient.ConnectAsync(server.Port);
        await client.AddAuthAsync("digest", "user:pw");
        return await TreeDump.ReadAsync(client);
    }

    /// <summary>The open session resumes with its password; the closed one is refused even with the right password.</summary>
    public static async Task AssertSessionsAsync(ServerProcess server, WorkloadSessions sessions)
    {
        await using (var open = await WireClient.ConnectAsync(server.Port, 30_000, sessions.Open, sessions.Password))
        {
            Assert.Equal(sessions.Open, open.SessionId);
        }
        await using var closed = await WireClient.ConnectAsync(server.Port, 30_000, sessions.Closed, SessionTracker.PasswordFor(sessions.Closed));
        Assert.Equal(0, closed.SessionId);
    }

    /// <summary>The mntr figures an operator compares across a move (docs/migration.md).</summary>
    public static async Task<string> CountsAsync(ServerProcess server)
    {
        var lines = (await server.FourLetterWordAsync("mntr")).Split('\n');
        string[] keys = ["zk_znode_count", "zk_ephemerals_count", "zk_approximate_data_size"];
        return string.Join(", ", keys.Select(k => lines.Single(l => l.StartsWith(k + "\t", StringComparison.Ordinal)).Replace('\t', '=')));
    }

    /// <summary>
    /// The server found no digest mismatch loading the other server's files (ZooKeeper logs "Digests are not matching",
    /// ZkNet "digest mismatch") and counts none in mntr's zk_digest_mismatches_count.
    /// </summary>
    public static async Task AssertNoDigestMismatchAsync(ServerProcess server)
    {
        Assert.Equal(0, await DigestMismatchesAsync(server));
        Assert.DoesNotContain("not matching", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("digest mismatch", server.Output, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>mntr's zk_digest_mismatches_count.</summary>
    public static async Task<long> DigestMismatchesAsync(ServerProcess server)
    {
        var lines = (await server.FourLetterWordAsync("mntr")).Split('\n');
        return long.Parse(lines.Single(l => l.StartsWith("zk_digest_mismatches_count\t", StringComparison.Ordinal)).Split('\t')[1],
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every txn in the logs carries the tree digest after it, except a failed request's error txn (what ZooKeeper
    /// 3.8 writes with digest.enabled), and the newest snapshot records a digest.
    /// </summary>
    public static void AssertDigestsOnDisk(TestDirectory dir)
    {
        var records = LogRecords.ReadAll(dir);
        Assert.All(records, r => Assert.True(r.Entry.Digest is not null == (r.Entry.Type != (int)OpCode.Error), $"digest presence on {r.Entry}"));
        var newest = LogRecords.SnapshotDigest(LogRecords.Snapshots(dir)[0].Path);
        Assert.True(newest is { Zxid: > 0 }, $"the newest snapshot should record a digest, found {newest}");
    }

    /// <summary>Whether the newest snapshot is followed by txns that only the log holds.</summary>
    public static void AssertSnapshotFollowedByLog(TestDirectory dir)
    {
        var snapshots = LogRecords.Snapshots(dir);
        var records = LogRecords.ReadAll(dir);
        Assert.True(snapshots.Count >= 3, $"several snapshots expected, found {snapshots.Count}");
        Assert.True(records[^1].Entry.Zxid > snapshots[0].Zxid, "the newest snapshot should be followed by logged txns");
        Assert.True(records.Select(r => r.File).Distinct().Count() >= 3, "the log should have rolled several times");
    }
}
