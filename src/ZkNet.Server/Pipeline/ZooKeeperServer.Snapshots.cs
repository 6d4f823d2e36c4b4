using Microsoft.Extensions.Logging;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>Nodes written per step of a snapshot, between two request batches.</summary>
    private const int SnapshotNodesPerStep = 2000;

    private readonly Random _snapRandom;
    private ISnapshotStore? _snapshotStore;
    private int _txnsSinceSnapshot;
    private int _snapshotRoll;
    private long _snapshotSizeRoll;
    private SnapshotInProgress? _snapshot;
    private bool _rollLogBeforeNextTxns;

    /// <summary>Snapshots written since start (for tests and mntr).</summary>
    public int SnapshotsTaken { get; private set; }

    /// <summary>
    /// Where snapshots go; set before <see cref="Start"/>. Without one no snapshots are taken (in-memory mode).
    /// </summary>
    public ISnapshotStore? SnapshotStore
    {
        get => _snapshotStore;
        set => _snapshotStore = value;
    }

    /// <summary>Takes a complete snapshot at once (startup, before serving; ZooKeeper does the same).</summary>
    public void TakeSnapshotNow()
    {
        if (_snapshotStore is null)
        {
            return;
        }
        var snapshot = BeginSnapshot();
        while (!snapshot.Step(this, int.MaxValue))
        {
        }
        snapshot.Sink.Complete();
        snapshot.Sink.Dispose();
        SnapshotsTaken++;
        _snapshot = null;
    }

    /// <summary>
    /// Counts logged txns and starts a fuzzy snapshot once ZooKeeper's randomized threshold is passed
    /// (snapCount/2 plus a random share of snapCount/2, so that servers of an ensemble do not snapshot together).
    /// </summary>
    private void MaybeStartSnapshot(int txnsInBatch)
    {
        if (_snapshotStore is null || _snapshot is not null)
        {
            return;
        }
        _txnsSinceSnapshot += txnsInBatch;
        // ZooKeeper's two triggers: txn count, or log size (both randomized between half and all of the limit).
        var sizeLimit = Options.SnapSizeLimitInKb * 1024;
        var bySize = sizeLimit > 0 && _txnLog is not null && _txnLog.BytesSinceRoll > (sizeLimit / 2) + _snapshotSizeRoll;
        if (_txnsSinceSnapshot <= (Options.SnapCount / 2) + _snapshotRoll && !bySize)
        {
            return;
        }
        _snapshotSizeRoll = sizeLimit > 0 ? _snapRandom.NextInt64(Math.Max(1, sizeLimit / 2)) : 0;
        _txnsSinceSnapshot = 0;
        _snapshotRoll = _snapRandom.Next(Math.Max(1, Options.SnapCount / 2));
        try
        {
            _snapshot = BeginSnapshot();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSnapshotFailed(ex, Tree.LastProcessedZxid);
            return;
        }
        // The next txns start a new log file, so the logs older than the snapshot can later be purged.
        _rollLogBeforeNextTxns = true;
    }

    private SnapshotInProgress BeginSnapshot()
    {
        var zxid = Tree.LastProcessedZxid;
        var sink = _snapshotStore!.Begin(zxid);
        sink.WriteSessions(Sessions.Sessions.Select(s => new KeyValuePair<long, int>(s.Id, s.TimeoutMs)).ToList());
        sink.WriteAclCache(Tree.AclCache.Entries.ToList());
        LogSnapshotStarted(zxid);
        return new SnapshotInProgress(sink, zxid);
    }

    /// <summary>
    /// Writes the next few nodes of the running snapshot. When the last node is written, completion (seal, fsync,
    /// rename) is queued behind the log syncs already queued, so a snapshot never becomes visible before the txns it
    /// reflects are durable in the log.
    /// </summary>
    private Action? StepSnapshot()
    {
        // Between busy batches take small steps; when no request is waiting, take big ones.
        var step = _requests.Reader.Count == 0 ? SnapshotNodesPerStep * 25 : SnapshotNodesPerStep;
        if (_snapshot is not { } snapshot)
        {
            return null;
        }
        try
        {
            if (!snapshot.Step(this, step))
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk while writing nodes: give this snapshot up (its file is deleted) and keep serving. The
            // log still holds every txn; ZooKeeper also only logs a failed snapshot. Letting the exception escape
            // killed the request processor and the server stopped answering without a word.
            _snapshot = null;
            LogSnapshotFailed(ex, snapshot.Zxid);
            snapshot.Sink.Dispose();
            return null;
        }
        _snapshot = null;
        return () =>
        {
            try
            {
                snapshot.Sink.Complete();
                SnapshotsTaken++;
                LogSnapshotDone(snapshot.Zxid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogSnapshotFailed(ex, snapshot.Zxid);
            }
            finally
            {
                snapshot.Sink.Dispose();
            }
        };
    }

    /// <summary>A snapshot being written: a depth-first walk so that every parent precedes its children.</summary>
    private sealed class SnapshotInProgress(ISnapshotSink sink, long zxid)
    {
        private readonly Stack<string> _pending = new([DataTree.DataTree.RootPath]);

        public ISnapshotSink Sink { get; } = sink;

        public long Zxid { get; } = zxid;

        /// <summary>Writes up to <paramref name="maxNodes"/> nodes; true when the walk is finished.</summary>
        public bool Step(ZooKeeperServer server, int maxNodes)
        {
            for (var i = 0; i < maxNodes; i++)
            {
                if (!_pending.TryPop(out var path))
                {
                    return true;
                }
                // Nodes deleted since the walk started are skipped; nodes created since are replayed from the log.
                var node = server.Tree.GetNode(path);
                if (node is null)
                {
                    continue;
                }
                Sink.WriteNode(path, node);
                foreach (var child in node.Children)
                {
                    _pending.Push(PathUtils.Child(path, child));
                }
            }
            return _pending.Count == 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating new snapshot at zxid 0x{Zxid:x}")]
    private partial void LogSnapshotStarted(long zxid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot at zxid 0x{Zxid:x} written")]
    private partial void LogSnapshotDone(long zxid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot at zxid 0x{Zxid:x} failed; the txn log still holds everything")]
    private partial void LogSnapshotFailed(Exception ex, long zxid);
}
