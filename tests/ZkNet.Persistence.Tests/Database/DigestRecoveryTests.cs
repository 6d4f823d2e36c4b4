using Microsoft.Extensions.Logging;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Tests.Support;
using ZkNet.Persistence.TxnLog;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Database;

/// <summary>
/// Recovery compares the digests in the files with the tree it rebuilds, the way ZooKeeper 3.8 does: the snapshot's
/// once replay reaches the zxid it belongs to (at once when that is the snapshot's own), every logged txn's after that
/// (none while the snapshot's is still ahead: the tree is fuzzy until then). A mismatch is counted and logged, not fatal.
/// </summary>
public sealed class DigestRecoveryTests
{
    private const long Time = 1_700_000_000_000;

    /// <summary>Which digest of the data directory to get wrong.</summary>
    public enum Wrong
    {
        Nothing,
        /// <summary>The txn at zxid 3.</summary>
        TxnDigest,
        /// <summary>The snapshot's, recorded for its own zxid (1).</summary>
        SnapshotDigest,
    }

    [Theory]
    [InlineData(Wrong.Nothing, 0)]
    [InlineData(Wrong.TxnDigest, 1)]
    [InlineData(Wrong.SnapshotDigest, 1)]
    public void Recovery_counts_and_logs_each_digest_the_rebuilt_tree_does_not_match(Wrong wrong, int mismatches)
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        var expected = WriteDataDir(snapLog, snapshotDigestZxid: 1, wrong);
        var logger = new ListLogger();

        var recovered = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, logger);

        Assert.Equal(mismatches, recovered.DigestMismatches);
        Assert.Equal(expected, recovered.Tree.TreeDigest);
        Assert.Equal(4, recovered.Tree.LastProcessedZxid);
        var errors = logger.Messages.Where(m => m.Level == LogLevel.Error).Select(m => m.Text).ToList();
        if (mismatches == 0)
        {
            Assert.Empty(errors);
        }
        else
        {
            var where = wrong == Wrong.TxnDigest ? "zxid 0x3: the txn log" : "zxid 0x1: the snapshot";
            Assert.Contains(errors, e => e.StartsWith("Digests are not matching: first digest mismatch at " + where, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_fuzzy_snapshots_digest_is_compared_when_replay_reaches_its_zxid_and_the_txn_digests_before_it_are_not()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        // The snapshot at zxid 1 records the digest as of zxid 3 (its walk ended there); the wrong digest at 3 is the
        // txn's and is compared (right after the snapshot's, which matches); a wrong one at 2 would not be.
        WriteDataDir(snapLog, snapshotDigestZxid: 3, Wrong.TxnDigest, wrongTxnZxid: 2);
        var logger = new ListLogger();

        var recovered = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, logger);

        Assert.Equal(0, recovered.DigestMismatches);
        Assert.DoesNotContain(logger.Messages, m => m.Level >= LogLevel.Warning);
    }

    [Fact]
    public void A_snapshot_digest_beyond_the_last_logged_txn_is_reported_as_not_covered()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteDataDir(snapLog, snapshotDigestZxid: 9, Wrong.Nothing);
        var logger = new ListLogger();

        var recovered = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, logger);

        Assert.Equal(0, recovered.DigestMismatches);
        Assert.Contains(logger.Messages, m => m.Text.StartsWith("Highest txn zxid 0x4 is not covering the snapshot digest zxid 0x9", StringComparison.Ordinal));
    }

    [Fact]
    public void With_digests_off_nothing_is_compared()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteDataDir(snapLog, snapshotDigestZxid: 1, Wrong.SnapshotDigest);

        var recovered = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, new ListLogger(), digestEnabled: false);

        Assert.Equal(0, recovered.DigestMismatches);
        Assert.False(recovered.Tree.DigestEnabled);
    }

    [Fact]
    public void A_snapshot_without_a_digest_trailer_loads_and_the_logged_digests_are_compared_from_the_first_txn()
    {
        using var dir = new TempDir();
        var snapLog = new FileTxnSnapLog(dir.Path);
        WriteDataDir(snapLog, snapshotDigestZxid: null, Wrong.TxnDigest, wrongTxnZxid: 2);

        var recovered = ZkDatabase.Load(snapLog, extendedTypesEnabled: false, trustEmptySnapshot: false, new ListLogger());

        Assert.Equal(1, recovered.DigestMismatches);
        Assert.Equal(4, recovered.Tree.LastProcessedZxid);
    }

    /// <summary>
    /// A snapshot at zxid 1 holding /a, then create /b (2), setData /b (3), create /b/c (4), each logged with the tree
    /// digest after it. The snapshot records the digest as of <paramref name="snapshotDigestZxid"/> (no trailer when
    /// null). Returns the digest of the final tree.
    /// </summary>
    private static long WriteDataDir(FileTxnSnapLog snapLog, long? snapshotDigestZxid, Wrong wrong, long wrongTxnZxid = 3)
    {
        var tree = new TreeModel();
        tree.Create("/a", "a"u8.ToArray(), -1, 1, Time, 0, tree.NextParentCVersion("/a"));
        var digests = new Dictionary<long, long> { [1] = tree.Digest };
        var txns = new List<(TxnHeader Header, IJuteRecord Record)>();
        var create = new CreateTxn("/b", "b"u8.ToArray(), Acl.OpenAclUnsafe, false, tree.NextParentCVersion("/b"));
        tree.Create(create.Path, create.Data, -1, 2, Time + 2, 0, create.ParentCVersion);
        txns.Add((new TxnHeader(7, 1, 2, Time + 2, (int)OpCode.Create), create));
        digests[2] = tree.Digest;
        tree.SetData("/b", "b2"u8.ToArray(), 1, 3, Time + 3);
        txns.Add((new TxnHeader(7, 2, 3, Time + 3, (int)OpCode.SetData), new SetDataTxn("/b", "b2"u8.ToArray(), 1)));
        digests[3] = tree.Digest;
        create = new CreateTxn("/b/c", [], Acl.OpenAclUnsafe, false, tree.NextParentCVersion("/b/c"));
        tree.Create(create.Path, create.Data, -1, 4, Time + 4, 0, create.ParentCVersion);
        txns.Add((new TxnHeader(7, 3, 4, Time + 4, (int)OpCode.Create), create));
        digests[4] = tree.Digest;

        // The snapshot holds the tree as of zxid 1 only (an exact one; fuzziness is the replay's business).
        var atOne = new TreeModel();
        atOne.Create("/a", "a"u8.ToArray(), -1, 1, Time, 0, atOne.NextParentCVersion("/a"));
        SnapshotDigest? trailer = snapshotDigestZxid is { } z
            ? new SnapshotDigest(z, SnapshotDigest.CurrentVersion, digests.GetValueOrDefault(z, 42) + (wrong == Wrong.SnapshotDigest ? 1 : 0))
            : null;
        atOne.WriteSnapshot(snapLog.SnapDir, 1, SnapshotCompression.None, [], trailer);

        using var log = snapLog.CreateTxnLog(new TxnLogOptions { PreAllocSize = 64 * 1024 });
        foreach (var (header, record) in txns)
        {
            var digest = digests[header.Zxid] + (wrong == Wrong.TxnDigest && header.Zxid == wrongTxnZxid ? 1 : 0);
            log.Append(header, record, digest);
        }
        log.Commit();
        return tree.Digest;
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
