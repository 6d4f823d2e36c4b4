using Microsoft.Extensions.Logging;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Digest;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.TxnLog;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>What recovery rebuilt: the tree, the sessions alive at the last txn, and where the state came from.</summary>
/// <param name="Tree">The tree as of the last valid txn.</param>
/// <param name="Sessions">Session id to timeout.</param>
/// <param name="SnapshotZxid">The zxid of the snapshot loaded, or -1 for none.</param>
/// <param name="TxnsReplayed">Txns replayed from the logs after the snapshot.</param>
/// <param name="DigestMismatches">Digests in the files (snapshot and txns) that the rebuilt tree did not match.</param>
public sealed record RecoveredDatabase(Tree Tree, Dictionary<long, int> Sessions, long SnapshotZxid, int TxnsReplayed,
    int DigestMismatches = 0)
{
    /// <summary>Where the last log was torn (a record cut short by a crash), if it was.</summary>
    public TornTail? TornTail { get; init; }
}

/// <summary>
/// Recovery, as ZooKeeper's ZKDatabase.loadDataBase does it: the newest snapshot that reads whole (falling back to
/// older ones), then every logged txn after it, replayed idempotently. A torn tail of the last log is cut at the
/// last valid record; damage anywhere else stops startup with the file and offset named.
/// </summary>
public static partial class ZkDatabase
{
    /// <summary>
    /// Rebuilds the state from <paramref name="snapLog"/>. A torn last record is cut off its log when
    /// <paramref name="repairTornTail"/> (a server's recovery); a tool that only reads leaves it, and finds the tear in
    /// <see cref="RecoveredDatabase.TornTail"/>.
    /// </summary>
    /// <exception cref="TxnLogCorruptException">A log record before the tail is damaged.</exception>
    /// <exception cref="IOException">Logs exist but no snapshot does, and <paramref name="trustEmptySnapshot"/> is false.</exception>
    /// <remarks>
    /// With <paramref name="digestEnabled"/> the digests the files carry are compared with the tree as it is rebuilt
    /// (<see cref="ReplayDigestCheck"/>); a mismatch is logged and counted in the result, as ZooKeeper does.
    /// </remarks>
    public static RecoveredDatabase Load(FileTxnSnapLog snapLog, bool extendedTypesEnabled, bool trustEmptySnapshot, ILogger logger,
        bool digestEnabled = true, bool repairTornTail = true)
    {
        SnapshotDigest? snapshotDigest = null;
        var loaded = snapLog.LoadNewestValidSnapshot(reader =>
        {
            snapshotDigest = null;
            var state = ReadSnapshot(reader, extendedTypesEnabled, out var digest);
            snapshotDigest = digest;
            return state;
        });
        foreach (var (snapshot, error) in loaded?.Skipped ?? [])
        {
            LogSnapshotSkipped(logger, snapshot.Path, error.Message);
        }
        Tree tree;
        Dictionary<long, int> sessions;
        long snapshotZxid;
        if (loaded is null)
        {
            tree = new Tree(extendedTypesEnabled);
            sessions = [];
            snapshotZxid = -1;
        }
        else
        {
            (tree, sessions) = loaded.Value;
            snapshotZxid = loaded.Snapshot.Zxid;
            tree.LastProcessedZxid = snapshotZxid;
            LogSnapshotLoaded(logger, loaded.Snapshot.Path, tree.NodeCount, sessions.Count);
        }
        if (!digestEnabled)
        {
            tree.DigestEnabled = false;
        }
        var digests = new ReplayDigestCheck(tree, logger, snapLog.LogDir);
        digests.SnapshotLoaded(snapshotDigest, snapshotZxid);
        var replayed = 0;
        TornTail? tear = null;
        using (var reader = snapLog.ReadLog(snapshotZxid + 1))
        {
            while (reader.MoveNext())
            {
                var entry = reader.Current.Entry;
                if (loaded is null && !trustEmptySnapshot)
                {
                    // ZooKeeper's snapshot.trust.empty rule: logs without any snapshot mean something was lost.
                    throw new IOException($"No snapshot found in {snapLog.SnapDir}, but there are log entries in {snapLog.LogDir} " +
                        "(first at zxid 0x" + entry.Zxid.ToString("x", System.Globalization.CultureInfo.InvariantCulture) +
                        "). Something is broken! Set snapshot.trust.empty=true to start from the logs alone.");
                }
                if (entry.Zxid <= snapshotZxid)
                {
                    continue;
                }
                TxnReplayer.Apply(tree, sessions, entry.Header, entry.Record is null ? null : ForServer(entry.Record));
                digests.TxnApplied(entry);
                replayed++;
            }
            if (reader.TornTail is { } torn)
            {
                LogTornTail(logger, torn.File, torn.Offset, torn.Reason);
                tear = torn;
                if (repairTornTail)
                {
                    torn.Truncate();
                }
            }
        }
        if (replayed > 0)
        {
            LogReplayed(logger, replayed, tree.LastProcessedZxid);
        }
        digests.ReplayEnded(tree.LastProcessedZxid);
        return new RecoveredDatabase(tree, sessions, snapshotZxid, replayed, digests.Mismatches) { TornTail = tear };
    }

    /// <summary>
    /// Brings a state kept in memory up to the end of the log: the txns logged after its last applied zxid (an ensemble
    /// member's proposals that were logged but not yet committed when its role ended) are replayed onto it, as a
    /// recovery from disk would have replayed them (ZooKeeper's ZKDatabase.fastForwardDataBase).
    /// </summary>
    public static RecoveredDatabase FastForward(FileTxnSnapLog snapLog, Tree tree, Dictionary<long, int> sessions, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(snapLog);
        ArgumentNullException.ThrowIfNull(tree);
        var from = tree.LastProcessedZxid;
        var snapshotZxid = snapLog.ListSnapshots().Select(s => s.Zxid).Where(z => z <= from).DefaultIfEmpty(-1).Max();
        var replayed = 0;
        // The tree kept in memory is exact, so every logged digest is compared at once (no snapshot is loaded).
        var digests = new ReplayDigestCheck(tree, logger, snapLog.LogDir);
        // Written by this process and never torn: the zero-filled tail needs no scan.
        using (var reader = snapLog.ReadLog(from + 1, verifyTail: false))
        {
            while (reader.MoveNext())
            {
                var entry = reader.Current.Entry;
                if (entry.Zxid <= tree.LastProcessedZxid)
                {
                    continue;
                }
                TxnReplayer.Apply(tree, sessions, entry.Header, entry.Record is null ? null : ForServer(entry.Record));
                digests.TxnApplied(entry);
                replayed++;
            }
        }
        LogFastForwarded(logger, replayed, from, tree.LastProcessedZxid);
        digests.ReplayEnded(tree.LastProcessedZxid);
        return new RecoveredDatabase(tree, sessions, snapshotZxid, replayed, digests.Mismatches);
    }

    /// <summary>
    /// Builds a tree and its sessions from the snapshot a leader streams after SNAP (a learner's sync), read straight
    /// from <paramref name="stream"/> (the leader's connection) up to and including its signature and not a byte
    /// further, so the packets behind it stay on the stream; quotas are recounted as after any snapshot load. No string
    /// or buffer longer than <paramref name="maxLength"/> is accepted.
    /// </summary>
    /// <exception cref="SnapshotCorruptException">The stream ends early or holds no valid snapshot.</exception>
    public static (Tree Tree, Dictionary<long, int> Sessions) ReadSyncSnapshot(Stream stream, bool extendedTypesEnabled,
        int maxLength = SnapshotReader.DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = SnapshotReader.ForSyncStream(stream, maxLength: maxLength);
        return ReadSnapshot(reader, extendedTypesEnabled);
    }

    /// <summary>A logged multi reaches the server's tree as typed operations.</summary>
    private static Protocol.Jute.IJuteRecord ForServer(Protocol.Jute.IJuteRecord record) =>
        record is MultiTxn multi ? MultiOps.FromMultiTxn(multi) : record;

    // Nodes read before the tree is sized from their mean record size.
    private const int SizingSample = 4096;

    private static (Tree Tree, Dictionary<long, int> Sessions) ReadSnapshot(SnapshotReader reader, bool extendedTypesEnabled) =>
        ReadSnapshot(reader, extendedTypesEnabled, out _);

    private static (Tree Tree, Dictionary<long, int> Sessions) ReadSnapshot(SnapshotReader reader, bool extendedTypesEnabled,
        out SnapshotDigest? digest)
    {
        var tree = new Tree(extendedTypesEnabled);
        var sessions = reader.ReadSessions().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (reference, acl) in reader.ReadAclCache())
        {
            tree.AclCache.Restore(reference, acl);
        }
        var restore = tree.BeginRestore();
        var count = 0;
        while (reader.TryReadNode(out var node))
        {
            if (++count == SizingSample && reader.Length is { } length)
            {
                // A snapshot says nothing of its node count: the mean record of the first nodes read stands in.
                restore.Reserve((int)Math.Min(Array.MaxLength, length / Math.Max(1, reader.BytesRead / count) * 21 / 20));
            }
            var stat = node.Stat;
            try
            {
                restore.Add(node.Path, new DataNode(node.Data, node.AclRef, stat.Czxid, stat.Ctime, stat.EphemeralOwner)
                {
                    Mzxid = stat.Mzxid,
                    Mtime = stat.Mtime,
                    Pzxid = stat.Pzxid,
                    Version = stat.Version,
                    Cversion = stat.Cversion,
                    Aversion = stat.Aversion,
                });
            }
            catch (InvalidOperationException e)
            {
                // A damaged path (its parent unknown) shows before the seal at the end can: the snapshot is corrupt
                // and recovery tries an older one, as ZooKeeper does ("Invalid Datatree, unable to find parent").
                // Escaping as it was, it crashed startup even when an older snapshot was good.
                throw new SnapshotCorruptException($"snapshot node {node.Path}: {e.Message}", e);
            }
        }
        digest = reader.ReadTrailer();
        // ZooKeeper recounts every quota from the tree it has just read (DataTree.setupQuota); the replayed txns
        // then adjust the counts as live writes do.
        tree.SetupQuota();
        return (tree, sessions);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipping snapshot {Path}: {Reason}")]
    private static partial void LogSnapshotSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kept the state in memory at 0x{From:x}; {Replayed} logged txns replayed onto it, now at 0x{Last:x}")]
    private static partial void LogFastForwarded(ILogger logger, int replayed, long from, long last);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded snapshot {Path}: {Nodes} nodes, {Sessions} sessions")]
    private static partial void LogSnapshotLoaded(ILogger logger, string path, int nodes, int sessions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Txn log {File} has a torn tail at offset {Offset} ({Reason}); cutting it there")]
    private static partial void LogTornTail(ILogger logger, string file, long offset, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Count} txns from the log, last zxid 0x{Zxid:x}")]
    private static partial void LogReplayed(ILogger logger, int count, long zxid);
}
