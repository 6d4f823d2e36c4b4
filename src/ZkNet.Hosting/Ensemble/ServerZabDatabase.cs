using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Persistence;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.TxnLog;
using ZkNet.Quorum.Zab;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// ZAB's view of a member's database for one role: the server's tree and sessions (kept from the previous role when
/// the disk backs them, else recovered from disk), its txn log and snapshots in ZooKeeper's formats, and the epoch
/// files. Every call comes on the server's processor thread (the drivers post there), so the protocol and the server
/// never race.
/// </summary>
internal sealed partial class ServerZabDatabase : IZabDatabase
{
    private readonly ZooKeeperServer _core;
    private readonly DurableState _durable;
    private readonly ServerConfig _config;
    private readonly ILogger _logger;
    private long _acceptedEpoch;
    private long _currentEpoch;
    private bool _aheadOfDisk;

    public ServerZabDatabase(ZooKeeperServer core, DurableState durable, ServerConfig config, ILogger logger)
    {
        _core = core;
        _durable = durable;
        _config = config;
        _logger = logger;
        (_acceptedEpoch, _currentEpoch) = ReadEpochs(durable.SnapLog.SnapDir, durable.Recovered.Tree.LastProcessedZxid);
    }

    public long LastLoggedZxid => _core.DurableZxid;

    public long LastProcessedZxid => _core.Tree.LastProcessedZxid;

    public long AcceptedEpoch => _acceptedEpoch;

    public long CurrentEpoch => _currentEpoch;

    /// <summary>
    /// True when the in-memory state holds what the disk does not (a leader's snapshot or txns applied during a SNAP
    /// or TRUNC sync, before <see cref="PersistSnapshot"/>): the member's next role must then recover from disk.
    /// </summary>
    public bool AheadOfDisk => Volatile.Read(ref _aheadOfDisk);

    /// <summary>
    /// The epochs a member's disk records. Missing files take the epoch of the last zxid and are written, as
    /// ZooKeeper's QuorumPeer.loadDataBase does on first start.
    /// </summary>
    public static (long Accepted, long Current) ReadEpochs(string snapDir, long lastZxid)
    {
        var fallback = lastZxid >> 32;
        var current = EpochFiles.ReadCurrentEpoch(snapDir) ?? WriteCurrent(snapDir, fallback);
        var accepted = EpochFiles.ReadAcceptedEpoch(snapDir) ?? WriteAccepted(snapDir, current);
        return (accepted, current);
    }

    public void SetAcceptedEpoch(long epoch)
    {
        EpochFiles.WriteAcceptedEpoch(_durable.SnapLog.SnapDir, epoch);
        _acceptedEpoch = epoch;
    }

    public void SetCurrentEpoch(long epoch)
    {
        EpochFiles.WriteCurrentEpoch(_durable.SnapLog.SnapDir, epoch);
        _currentEpoch = epoch;
    }

    /// <summary>
    /// The committed txns this member can DIFF learners from: those its recovery replayed after its snapshot (the
    /// leader's own history, all of it committed once it leads), the most recent <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<ZabTxn> RecentCommitted(int max)
    {
        var window = new Queue<ZabTxn>();
        var last = LastProcessedZxid;
        var from = _durable.Recovered.SnapshotZxid + 1;
        if ((last & 0xffffffffL) >= max)
        {
            // Zxids of one epoch are consecutive: the last max txns start here, so the log before it is not read.
            from = Math.Max(from, last - max + 1);
        }
        // Recovery already checked the log's tail; scanning its zero-filled preallocation again would delay leading.
        using var reader = _durable.SnapLog.ReadLog(from, verifyTail: false);
        while (reader.MoveNext())
        {
            var entry = reader.Current.Entry;
            if (entry.Zxid < from || entry.Zxid > last)
            {
                continue;
            }
            window.Enqueue(ZabTxnCodec.Encode(entry));
            if (window.Count > max)
            {
                window.Dequeue();
            }
        }
        return [.. window];
    }

    /// <summary>TRUNC: the log loses everything after <paramref name="zxid"/>, so do newer snapshots; the state is rebuilt from disk.</summary>
    public void Truncate(long zxid)
    {
        var snapLog = _durable.SnapLog;
        TxnLogFiles.TruncateAfter(snapLog.LogDir, zxid);
        foreach (var snapshot in snapLog.ListSnapshots().Where(s => s.Zxid > zxid))
        {
            File.Delete(snapshot.Path);
        }
        var reloaded = ZkDatabase.Load(snapLog, _config.ExtendedTypesEnabled, trustEmptySnapshot: true, _logger);
        _core.ResetState(reloaded.Tree, reloaded.Sessions);
        _core.SetDurableZxid(reloaded.Tree.LastProcessedZxid);
        Volatile.Write(ref _aheadOfDisk, false);
        LogTruncated(zxid, reloaded.Tree.LastProcessedZxid);
    }

    public void ApplyInMemory(ZabTxn txn)
    {
        Volatile.Write(ref _aheadOfDisk, true);
        var (header, body) = ZabTxnCodec.Decode(txn);
        _core.ApplyDirect(header, body);
    }

    /// <summary>
    /// Persists what a SNAP or TRUNC sync built. The log may still hold txns past the snapshot from a history the
    /// leader did not keep; they go, or the next recovery would replay them on top of the snapshot.
    /// </summary>
    public void PersistSnapshot()
    {
        _core.TakeSnapshotNow();
        var zxid = _core.Tree.LastProcessedZxid;
        var logDir = _durable.SnapLog.LogDir;
        if (!TxnLogFiles.TruncateAfter(logDir, zxid))
        {
            foreach (var file in TxnLogFiles.List(logDir))
            {
                File.Delete(file);
            }
        }
        _core.SetDurableZxid(zxid);
        Volatile.Write(ref _aheadOfDisk, false);
    }

    public void Append(ZabTxn txn)
    {
        var (header, body, digest) = ZabTxnCodec.DecodeWithDigest(txn);
        _core.AppendFromLeader(header, body, digest);
    }

    public void Commit(long zxid) => _core.CommitUpTo(zxid);

    /// <summary>Nothing to do here: the member's next role starts from disk, or from this state when <see cref="AheadOfDisk"/> is false.</summary>
    public void Reload()
    {
    }

    private static long WriteCurrent(string snapDir, long epoch)
    {
        EpochFiles.WriteCurrentEpoch(snapDir, epoch);
        return epoch;
    }

    private static long WriteAccepted(string snapDir, long epoch)
    {
        EpochFiles.WriteAcceptedEpoch(snapDir, epoch);
        return epoch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Truncated the txn log after 0x{Zxid:x} at the leader's request; state rebuilt to 0x{Last:x}")]
    private partial void LogTruncated(long zxid, long last);
}
