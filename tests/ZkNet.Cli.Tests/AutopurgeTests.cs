using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>
/// autopurge.purgeInterval / autopurge.snapRetainCount: a server started on a data directory with more snapshots than
/// it retains deletes the old ones (and the logs only they needed) as it starts, leaving what PurgeTxnLog leaves.
/// </summary>
[Collection(DataDirsCollection.Name)]
public sealed class AutopurgeTests(DataDirs dirs) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(ServerKind.ApacheZooKeeper, 4)]
    [InlineData(ServerKind.ZkNet, 4)]
    [InlineData(ServerKind.ZkNet, 3)]
    public async Task Autopurge_at_startup_leaves_what_PurgeTxnLog_leaves(ServerKind kind, int retain)
    {
        var original = Names(dirs.ZooKeeper);
        var oracle = _dir.CopyFrom(dirs.ZooKeeper, "oracle");
        Assert.Equal(0, await ZooKeeperTools.PurgeTxnLogAsync(oracle, null, retain));
        var kept = Names(oracle);
        var removed = original.Except(kept).ToList();
        Assert.NotEmpty(removed);

        var dataDir = _dir.CopyFrom(dirs.ZooKeeper, "server");
        var config = new Dictionary<string, string>
        {
            ["dataDir"] = dataDir,
            ["autopurge.purgeInterval"] = "1",
            ["autopurge.snapRetainCount"] = retain.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        List<string> left;
        if (kind == ServerKind.ApacheZooKeeper)
        {
            await using var zk = await QuorumPeerProcess.StartAsync(_dir.Path, config);
            left = await WaitForPurgeAsync(dataDir, removed);
        }
        else
        {
            await using var zknet = await ServerProcess.StartAsync(kind, config);
            left = await WaitForPurgeAsync(dataDir, removed);
        }

        // The server may add files as it starts (its startup snapshot, a new log); it must keep every one the oracle kept.
        Assert.Equal(kept, left.Intersect(original).ToList());
        var newest = original.Where(n => n.StartsWith("snapshot.", StringComparison.Ordinal)).Max(Zxid);
        Assert.All(left.Except(original), n => Assert.True(Zxid(n) >= newest, n));
    }

    private static async Task<List<string>> WaitForPurgeAsync(string dataDir, List<string> removed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var names = Names(dataDir);
            if (!names.Intersect(removed).Any())
            {
                return names;
            }
            Assert.True(DateTime.UtcNow < deadline, "not purged within 30 s: " + string.Join(", ", names));
            await Task.Delay(100);
        }
    }

    private static long Zxid(string name) => Convert.ToInt64(name.Split('.')[1], 16);

    private static List<string> Names(string dataDir) =>
        Directory.EnumerateFiles(Path.Combine(dataDir, "version-2"))
            .Select(f => Path.GetFileName(f)!)
            .Where(n => n.StartsWith("snapshot.", StringComparison.Ordinal) || n.StartsWith("log.", StringComparison.Ordinal))
            .Where(n => !n.EndsWith(".tmp", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
}
