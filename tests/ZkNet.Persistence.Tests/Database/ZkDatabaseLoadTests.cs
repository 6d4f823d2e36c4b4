using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.TxnLog;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Database;

/// <summary>
/// Recovery through ZkDatabase.Load: the snapshot's node order, the log records before its zxid, and logs with no
/// snapshot at all.
/// </summary>
public sealed class ZkDatabaseLoadTests
{
    private static readonly StatPersisted Stat = new(1, 1, 1000, 1000, 0, 0, 0, 0, 1);

    private static void WriteSnapshot(FileTxnSnapLog snapLog, long zxid, IEnumerable<string> paths)
    {
        using var writer = snapLog.CreateSnapshot(zxid);
        writer.WriteSessions([]);
        writer.WriteAclCache([]);
        foreach (var path in paths)
        {
            writer.WriteNode(path, System.Text.Encoding.UTF8.GetBytes(path), -1, Stat);
        }
        writer.Complete(null);
    }

    private static RecoveredDatabase Load(FileTxnSnapLog snapLog) =>
        ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, NullLogger.Instance);

    [Fact]
    public void A_snapshot_listing_parents_first_but_not_depth_first_loads_the_same_tree()
    {
        // Sorted order puts /a-1 between /a and /a/x, and /b's subtree between /a's children.
        string[] depthFirst = ["/", "/a", "/a/x", "/a/x/z", "/a/w", "/a-1", "/b", "/b/y"];
        string[] parentFirst = ["/", "/a", "/a-1", "/b", "/a/x", "/b/y", "/a/w", "/a/x/z"];
        using var dir1 = new TempDir();
        using var dir2 = new TempDir();
        var first = new FileTxnSnapLog(dir1.Path);
        var second = new FileTxnSnapLog(dir2.Path);
        WriteSnapshot(first, 1, depthFirst);
        WriteSnapshot(second, 1, parentFirst);

        var expected = Load(first).Tree;
        var tree = Load(second).Tree;

        Assert.Equal(expected.NodeCount, tree.NodeCount);
        foreach (var (path, node) in expected.Nodes)
        {
            var other = tree.GetNode(path);
            Assert.NotNull(other);
            Assert.Equal(node.Data, other.Data);
            Assert.Equal(node.Children.Order(StringComparer.Ordinal), other.Children.Order(StringComparer.Ordinal));
        }
        Assert.Equal(["w", "x"], tree.GetNode("/a")!.Children.Order(StringComparer.Ordinal));
        Assert.Equal(expected.ApproximateDataSize, tree.ApproximateDataSize);
    }

    [Fact]
    public void A_snapshot_listing_a_node_before_its_parent_is_corrupt_and_an_older_one_is_loaded()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteSnapshot(snapLog, 1, ["/", "/a"]);
        WriteSnapshot(snapLog, 2, ["/", "/a", "/b/c", "/b"]);

        var loaded = Load(snapLog);

        Assert.Equal(1, loaded.SnapshotZxid);
        Assert.NotNull(loaded.Tree.GetNode("/a"));
        Assert.Null(loaded.Tree.GetNode("/b/c"));
    }

    [Fact]
    public void Log_records_up_to_the_snapshot_are_passed_over_undecoded_and_every_later_one_is_replayed()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        // Support.Txns.Create(z) creates /n<z>. One log file holds txns 1 to 20; the snapshot holds the first ten.
        using (var log = new FileTxnLog(snapLog.LogDir, new TxnLogOptions { PreAllocSize = 64 * 1024 }))
        {
            for (var zxid = 1L; zxid <= 20; zxid++)
            {
                if (zxid == 5)
                {
                    // Checksum-valid but no txn: decoding it fails, so only a reader that skips it undecoded passes.
                    var header = Support.Txns.Create(zxid).Header;
                    var payload = new byte[40];
                    System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(12), header.Zxid);
                    System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(28), 9999);
                    log.AppendRaw(zxid, payload);
                    continue;
                }
                log.Append(Support.Txns.Create(zxid));
            }
            log.Commit();
        }
        WriteSnapshot(snapLog, 10, ["/", .. Enumerable.Range(1, 10).Select(i => "/n" + i)]);
        Assert.Throws<TxnLogCorruptException>(() => Support.Txns.Zxids(snapLog.LogDir));

        var loaded = Load(snapLog);

        Assert.Equal(10, loaded.SnapshotZxid);
        Assert.Equal(10, loaded.TxnsReplayed);
        Assert.Equal(20, loaded.Tree.LastProcessedZxid);
        Assert.All(Enumerable.Range(1, 20), i => Assert.NotNull(loaded.Tree.GetNode("/n" + i)));
        Assert.Equal(Enumerable.Range(11, 10).Select(i => (long)i), Support.Txns.Zxids(snapLog.LogDir, from: 11));
    }

    [Fact]
    public void Fast_forward_replays_onto_a_kept_state_only_the_txns_logged_after_it()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        AppendTxns(snapLog, 1, 5);
        WriteSnapshot(snapLog, 3, ["/", .. Enumerable.Range(1, 3).Select(i => "/n" + i)]);
        // The state a member kept at 5; then 6 to 8 were logged as proposals and not committed before its role ended.
        var kept = Load(snapLog);
        AppendTxns(snapLog, 6, 8);

        var forwarded = ZkDatabase.FastForward(snapLog, kept.Tree, kept.Sessions, NullLogger.Instance);

        Assert.Same(kept.Tree, forwarded.Tree);
        Assert.Equal(3, forwarded.TxnsReplayed);
        Assert.Equal(3, forwarded.SnapshotZxid);
        Assert.Equal(8, forwarded.Tree.LastProcessedZxid);
        Assert.All(Enumerable.Range(1, 8), i => Assert.NotNull(forwarded.Tree.GetNode("/n" + i)));
    }

    /// <summary>
    /// ZOOKEEPER-3644: with snapshot.trust.empty a data directory holding logs but no snapshot (a 3.4 upgrade) came up
    /// empty, because the logs after the missing snapshot were not replayed. They must all be.
    /// </summary>
    [Fact]
    public void Logs_without_any_snapshot_are_replayed_whole_when_the_empty_snapshot_is_trusted()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        AppendTxns(snapLog, 1, 8);

        var loaded = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: true, NullLogger.Instance);

        Assert.Equal(-1, loaded.SnapshotZxid);
        Assert.Equal(8, loaded.TxnsReplayed);
        Assert.Equal(8, loaded.Tree.LastProcessedZxid);
        Assert.All(Enumerable.Range(1, 8), i => Assert.NotNull(loaded.Tree.GetNode("/n" + i)));
    }

    private static void AppendTxns(FileTxnSnapLog snapLog, long first, long last)
    {
        using var log = new FileTxnLog(snapLog.LogDir, new TxnLogOptions { PreAllocSize = 64 * 1024 });
        for (var zxid = first; zxid <= last; zxid++)
        {
            log.Append(Support.Txns.Create(zxid));
        }
        log.Commit();
    }
}
