using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Persistence.DataDir;

public sealed partial class FileTxnSnapLog
{
    /// <summary>The fewest snapshots a purge may keep (PurgeTxnLog refuses fewer than 3).</summary>
    public const int MinRetainCount = 3;

    /// <summary>
    /// Deletes the temporary files of snapshots that were being written when the server died (snapshot.&lt;zxid&gt;.tmp):
    /// they are never read, and each can be as large as the tree. Call only while no snapshot is being written.
    /// Returns the deleted files.
    /// </summary>
    public IReadOnlyList<string> DeleteIncompleteSnapshots()
    {
        var deleted = new List<string>();
        foreach (var file in Directory.EnumerateFiles(SnapDir, SnapshotFileName.Prefix + ".*" + AtomicFile.TempSuffix))
        {
            File.Delete(file);
            deleted.Add(file);
        }
        return deleted;
    }

    /// <summary>
    /// Deletes old snapshots and logs, keeping the <paramref name="retainCount"/> newest snapshots and every log
    /// needed to replay from the oldest of them (PurgeTxnLog.purge / purgeOlderSnapshots): with X the zxid of the
    /// oldest snapshot kept, every snapshot and log whose name's zxid is below X goes, except the newest log
    /// starting at or before X, which may hold the txns after X. Returns the deleted files.
    /// </summary>
    public IReadOnlyList<string> Purge(int retainCount)
    {
        if (retainCount < MinRetainCount)
        {
            throw new ArgumentOutOfRangeException(nameof(retainCount), retainCount, $"at least {MinRetainCount} snapshots must be kept");
        }
        var kept = ListSnapshots().Take(retainCount).ToList();
        if (kept.Count == 0)
        {
            return [];
        }
        var leastZxidToRetain = kept[^1].Zxid;
        var retainedLogs = new HashSet<string>(GetSnapshotLogs(leastZxidToRetain).Select(Path.GetFullPath));
        var deleted = new List<string>();
        foreach (var log in Directory.EnumerateFiles(LogDir, TxnLogFiles.Prefix + ".*"))
        {
            var zxid = TxnLogFiles.GetZxidFromName(Path.GetFileName(log), TxnLogFiles.Prefix);
            if (zxid >= 0 && zxid < leastZxidToRetain && !retainedLogs.Contains(Path.GetFullPath(log)))
            {
                deleted.Add(log);
            }
        }
        // By name like ZooKeeper: this also removes the .tmp leftovers of old snapshots that never completed.
        foreach (var snapshot in Directory.EnumerateFiles(SnapDir, SnapshotFileName.Prefix + ".*"))
        {
            var zxid = TxnLogFiles.GetZxidFromName(Path.GetFileName(snapshot), SnapshotFileName.Prefix);
            if (zxid >= 0 && zxid < leastZxidToRetain)
            {
                deleted.Add(snapshot);
            }
        }
        foreach (var file in deleted)
        {
            File.Delete(file);
        }
        return deleted;
    }
}
