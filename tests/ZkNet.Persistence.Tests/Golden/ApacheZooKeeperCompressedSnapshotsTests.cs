using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Persistence.Tests.Golden;

/// <summary>Snapshots Apache ZooKeeper 3.8 writes with zookeeper.snapshot.compression.method gz and snappy.</summary>
public sealed class ApacheZooKeeperCompressedSnapshotsTests
{
    [Theory]
    [InlineData("gz", SnapshotCompression.Gzip)]
    [InlineData("snappy", SnapshotCompression.Snappy)]
    public async Task A_compressed_snapshot_Apache_ZooKeeper_wrote_reads_back_with_its_nodes(string method, SnapshotCompression compression)
    {
        using var dir = new TempDir();
        var dataDir = dir.Combine("data");
        // An unknown zoo.cfg key becomes the system property zookeeper.<key>.
        var config = new Dictionary<string, string> { ["snapshot.compression.method"] = method };
        await using (var zk = await ZooKeeperRuns.StartAsync(dataDir, config))
        {
            await Kazoo.RunAsync("""
zk = connect(hosts)
for i in range(20):
    zk.create('/c%02d' % i, (b'%d' % i) * 100)
zk.stop()
print('{}')
""", zk.ConnectString);
            await zk.KillAsync();
        }
        await using (var zk = await ZooKeeperRuns.StartAsync(dataDir, config))
        {
            await zk.KillAsync();
        }

        var newest = new FileTxnSnapLog(dataDir).ListSnapshots()[0];
        Assert.Equal(compression, newest.Compression);
        Assert.True(FileTxnSnapLog.LooksComplete(newest));
        var snapshot = SnapshotModel.Read(newest.Path);
        for (var i = 0; i < 20; i++)
        {
            var node = Assert.Single(snapshot.Nodes, n => n.Path == $"/c{i:00}");
            Assert.Equal(string.Concat(Enumerable.Repeat(i.ToString(System.Globalization.CultureInfo.InvariantCulture), 100)),
                System.Text.Encoding.ASCII.GetString(node.Data!));
        }
        Assert.Equal(snapshot.TreeDigest(), snapshot.Digest!.Value.Digest);
    }
}
