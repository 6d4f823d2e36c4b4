using Microsoft.Extensions.Logging;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.Txns;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Persistence.Digest;

/// <summary>
/// Recovery's digest checks, as ZooKeeper 3.8 makes them while it loads a database (DataTree.deserializeZxidDigest,
/// compareSnapshotDigests and compareDigest). A snapshot is fuzzy: its digest belongs to the zxid at which its writer
/// finished walking the tree, so it is compared once replay reaches that zxid, and the digests logged with the txns
/// are compared only from then on (before it the tree is still in a fuzzy state). A mismatch is counted and logged,
/// never fatal: ZooKeeper only reports it too (digest_mismatches_count, "Digests are not matching").
/// </summary>
public sealed partial class ReplayDigestCheck
{
    private readonly Tree _tree;
    private readonly ILogger _logger;
    private readonly string _source;
    private SnapshotDigest? _fromSnapshot;
    private bool _pastSnapshotDigestLogged;

    /// <summary>Checks <paramref name="tree"/> as it is rebuilt from the files in <paramref name="source"/>.</summary>
    public ReplayDigestCheck(Tree tree, ILogger logger, string source)
    {
        _tree = tree;
        _logger = logger;
        _source = source;
    }

    /// <summary>Digest mismatches found so far.</summary>
    public int Mismatches { get; private set; }

    /// <summary>After the snapshot at <paramref name="snapshotZxid"/> is loaded, with the digest its trailer held (if any).</summary>
    public void SnapshotLoaded(SnapshotDigest? digest, long snapshotZxid)
    {
        if (!_tree.DigestEnabled || digest is not { Zxid: > 0 } d)
        {
            return;
        }
        if (d.Zxid < snapshotZxid)
        {
            // ZooKeeper's known case: a new leader snapshots at its epoch's zxid 0, after the last txn it digested.
            LogSnapshotDigestTooOld(d.Zxid, snapshotZxid);
            return;
        }
        _fromSnapshot = d;
        CompareSnapshotDigest(snapshotZxid);
    }

    /// <summary>After one replayed txn: the snapshot's digest once its zxid is reached, then the txn's own digest.</summary>
    public void TxnApplied(TxnLogEntry entry)
    {
        if (!_tree.DigestEnabled)
        {
            return;
        }
        if (_fromSnapshot is not null)
        {
            CompareSnapshotDigest(entry.Zxid);
        }
        // Still fuzzy (the snapshot's digest zxid not reached), a txn without a digest, or another digest algorithm.
        if (_fromSnapshot is not null || entry.Digest is not { } logged || logged.Version != Tree.DigestVersion)
        {
            return;
        }
        if (logged.TreeDigest != _tree.TreeDigest)
        {
            Report(entry.Zxid, "txn log", logged.TreeDigest);
        }
    }

    /// <summary>After the last txn: says whether the snapshot's digest was ever checked, and how many mismatches were found.</summary>
    public void ReplayEnded(long lastZxid)
    {
        if (_fromSnapshot is { } pending)
        {
            LogSnapshotDigestNotCovered(lastZxid, pending.Zxid);
        }
        if (Mismatches > 0)
        {
            LogMismatchSummary(Mismatches, _source, lastZxid);
        }
    }

    private void CompareSnapshotDigest(long zxid)
    {
        var pending = _fromSnapshot!.Value;
        if (zxid == pending.Zxid)
        {
            _fromSnapshot = null;
            if (pending.Version != Tree.DigestVersion)
            {
                LogDigestVersionChanged(pending.Version, Tree.DigestVersion);
            }
            else if (pending.Digest != _tree.TreeDigest)
            {
                Report(zxid, "snapshot", pending.Digest);
            }
        }
        else if (zxid > pending.Zxid && !_pastSnapshotDigestLogged)
        {
            // The txn the snapshot's digest belongs to is not in the log: nothing after it can be compared either.
            _pastSnapshotDigestLogged = true;
            LogSnapshotDigestTxnMissing(pending.Zxid);
        }
    }

    private void Report(long zxid, string where, long expected)
    {
        Mismatches++;
        if (Mismatches == 1)
        {
            LogFirstMismatch(zxid, where, expected, _tree.TreeDigest, _source);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Digests are not matching: first digest mismatch at zxid 0x{Zxid:x}: the {Where} records {Expected}, the tree rebuilt from {Source} has {Actual}")]
    private partial void LogFirstMismatch(long zxid, string where, long expected, long actual, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} digest mismatches while loading {Source} up to zxid 0x{Last:x}: the tree differs from the one that wrote the files")]
    private partial void LogMismatchSummary(int count, string source, long last);

    [LoggerMessage(Level = LogLevel.Information, Message = "The snapshot's digest is for zxid 0x{DigestZxid:x}, before the snapshot's zxid 0x{SnapshotZxid:x}; it is not compared")]
    private partial void LogSnapshotDigestTooOld(long digestZxid, long snapshotZxid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The txn 0x{Zxid:x} of the snapshot's digest does not exist in the log; no digest is compared")]
    private partial void LogSnapshotDigestTxnMissing(long zxid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Highest txn zxid 0x{Last:x} is not covering the snapshot digest zxid 0x{DigestZxid:x}, which might lead to inconsistent state")]
    private partial void LogSnapshotDigestNotCovered(long last, long digestZxid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Digest version changed, snapshot: {Snapshot}, ours: {Ours}; not comparing the snapshot's digest")]
    private partial void LogDigestVersionChanged(int snapshot, int ours);
}
