using Microsoft.Extensions.Logging;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
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
        WriteSnapshotTo(_snapshotStore);
        SnapshotsTaken++;
    }

    /// <summary>
    /// Writes a complete snapshot of the committed state to <paramref name="store"/> at once and returns its zxid: an
    /// ensemble leader serializes its tree this way for a learner it synchronises by SNAP. Call it on the processor
    /// thread or while the server is not processing (the walk copies each node under its monitor, so the result is
    /// fuzzy like any snapshot).
    /// </summary>
    public long WriteSnapshotTo(ISnapshotStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var snapshot = BeginSnapshot(store);
        snapshot.Walk();
        if (snapshot.Failure is { } failure)
        {
            throw failure;
        }
        snapshot.Sink!.Complete(CurrentZxidDigest());
        snapshot.Sink.Dispose();
        return snapshot.Zxid;
    }

    /// <summary>
    /// Captures a fuzzy snapshot of the committed state and returns the walk that writes it: the zxid, the sessions and
    /// the ACL cache are taken here (call it on the processor thread); the returned function, called later with a
    /// store, walks the nodes on a thread of its own while requests go on and completes once the snapshot is sealed.
    /// An ensemble leader captures one when it sends SNAP and runs the walk when the learner's sender reaches it,
    /// writing straight to the learner's socket (with the txns after <paramref name="zxid"/> behind it): the tree is
    /// never copied whole and a slow learner slows only its own walk. The walk reads the tree the way every snapshot
    /// does, each node copied under its monitor, so capturing now and walking later keeps the snapshot's guarantee:
    /// everything at or below the zxid is in it, nodes created after the zxid are left out, anything else changed
    /// after it may appear in either state and is brought right by replaying the txns that follow.
    /// </summary>
    public Func<ISnapshotStore, Task> CaptureSnapshot(out long zxid)
    {
        var captured = CaptureSnapshotState();
        zxid = captured.Zxid;
        return store =>
        {
            ArgumentNullException.ThrowIfNull(store);
            var snapshot = new SnapshotInProgress(store, captured);
            return Task.Factory.StartNew(() =>
            {
                snapshot.Walk();
                try
                {
                    if (snapshot.Failure is { } failure)
                    {
                        throw failure;
                    }
                    // Sealed off the processor thread, which goes on changing the tree: no digest can be read
                    // consistently here, so none is recorded (a learner's SNAP stream carries none anyway).
                    snapshot.Sink!.Complete(captured.Tree.DigestEnabled ? ZxidDigest.None : null);
                }
                finally
                {
                    snapshot.Sink?.Dispose();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        };
    }

    /// <summary>
    /// Writes a fuzzy snapshot to <paramref name="store"/> while requests go on, as ZooKeeper's snapshot command does
    /// (call it from outside the processor thread): its zxid, sessions and ACLs are taken between two batches, the
    /// nodes are walked on a thread of their own, and the digest trailer is the tree's as of the last txn applied when
    /// the walk ended, so a reader that replays the log from the zxid reaches it. Returns the snapshot's zxid.
    /// </summary>
    public async Task<long> WriteSnapshotWhileServingAsync(ISnapshotStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var snapshot = await InspectAsync(() => BeginSnapshot(store), cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Factory.StartNew(snapshot.Walk, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
            if (snapshot.Failure is { } failure)
            {
                throw failure;
            }
            var digest = await InspectAsync(CurrentZxidDigest, cancellationToken).ConfigureAwait(false);
            snapshot.Sink!.Complete(digest);
            return snapshot.Zxid;
        }
        finally
        {
            snapshot.Sink?.Dispose();
        }
    }

    /// <summary>
    /// Counts logged txns and starts a fuzzy snapshot once ZooKeeper's randomized threshold is passed
    /// (snapCount/2 plus a random share of snapCount/2, so that servers of an ensemble do not snapshot together).
    /// </summary>
    private void MaybeStartSnapshot(int txnsInBatch)
    {
        if (_snapshotStore is null || _snapshot is not null || !_serving)
        {
            // (A member synchronising with its leader snapshots when the sync says so, not on its own.)
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
        var snapshot = BeginSnapshot();
        _snapshot = snapshot;
        snapshot.Task = Task.Factory.StartNew(() =>
        {
            snapshot.Walk();
            // Wake the processor so that it queues the completion even when no request arrives. When the queue is
            // full, requests are flowing and the next batch's end sees the finished walk anyway.
            _requests.Writer.TryWrite(new Request { Kind = RequestKind.SnapshotWalked });
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // The next txns start a new log file, so the logs older than the snapshot can later be purged.
        _rollLogBeforeNextTxns = true;
    }

    /// <summary>
    /// Captures, on the processor thread, what must be consistent as of the snapshot's zxid: the zxid, the sessions
    /// and the ACL cache. The nodes are then walked by <see cref="SnapshotInProgress.Walk"/>.
    /// </summary>
    private SnapshotInProgress BeginSnapshot(ISnapshotStore? store = null) =>
        new(store ?? _snapshotStore!, CaptureSnapshotState());

    private CapturedState CaptureSnapshotState()
    {
        var zxid = Tree.LastProcessedZxid;
        LogSnapshotStarted(zxid);
        return new CapturedState(Tree, zxid, _committedSessions.ToList(), Tree.AclCache.Entries.ToList());
    }

    /// <summary>What a snapshot takes on the processor thread; the tree itself is walked later.</summary>
    private sealed record CapturedState(DataTree.DataTree Tree, long Zxid, List<KeyValuePair<long, int>> Sessions,
        List<KeyValuePair<long, IReadOnlyList<Acl>>> Acls);

    /// <summary>
    /// At the end of a batch: once the snapshot thread has walked the whole tree, returns the snapshot's completion
    /// (seal, fsync, rename), which the caller queues behind the log syncs already queued and this batch's own, so
    /// a snapshot never becomes visible before the txns it may reflect are durable in the log.
    /// </summary>
    private Action? TakeWalkedSnapshot()
    {
        if (_snapshot is not { IsWalked: true } snapshot)
        {
            return null;
        }
        _snapshot = null;
        if (snapshot.Failure is { } failure)
        {
            // A full disk while writing nodes: give this snapshot up (its file is deleted) and keep serving. The
            // log still holds every txn; ZooKeeper also only logs a failed snapshot.
            LogSnapshotFailed(failure, snapshot.Zxid);
            snapshot.Sink?.Dispose();
            return null;
        }
        // Taken now, on the processor thread, after the walk: every change the walk may have seen is at or below this
        // zxid, so replaying the log up to it makes the tree exact and its digest this one (ZooKeeper writes its
        // lastProcessedZxidDigest the same way, once the tree is serialized).
        var digest = CurrentZxidDigest();
        return () =>
        {
            try
            {
                snapshot.Sink!.Complete(digest);
                SnapshotsTaken++;
                LogSnapshotDone(snapshot.Zxid);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogSnapshotFailed(ex, snapshot.Zxid);
            }
            finally
            {
                snapshot.Sink!.Dispose();
            }
        };
    }

    /// <summary>
    /// The digest a snapshot records: the tree's as of the last applied txn, or null when digests are off (no digest
    /// trailer at all, as ZooKeeper with digest.enabled=false). A learner records none (zxid 0): after a SNAP sync its
    /// tree is fuzzy until the txns that follow the leader's walk are applied, and it cannot tell when that is.
    /// </summary>
    private ZxidDigest? CurrentZxidDigest()
    {
        if (!Tree.DigestEnabled)
        {
            return null;
        }
        return Role is ServerRole.Standalone or ServerRole.Leading
            ? new ZxidDigest(Tree.LastProcessedZxid, DataTree.DataTree.DigestVersion, Tree.TreeDigest)
            : ZxidDigest.None;
    }

    /// <summary>Stops a running snapshot at shutdown and deletes its unfinished file.</summary>
    private async Task AbandonSnapshotAsync()
    {
        if (_snapshot is not { } snapshot)
        {
            return;
        }
        _snapshot = null;
        snapshot.Cancel();
        if (snapshot.Task is { } walk)
        {
            await walk.ConfigureAwait(false);
        }
        snapshot.Sink?.Dispose();
    }

    /// <summary>
    /// A snapshot being written by its own thread: a depth-first walk over child references, so that every parent
    /// precedes its children, while the processor thread goes on changing the tree. Each node is copied under its
    /// monitor (its fields and its children as of one instant) and serialized outside it, so no lock is held across
    /// the file writes. The result is fuzzy, as ZooKeeper's: nodes changed during the walk may appear in either
    /// state, and replaying the txns after <see cref="Zxid"/> (idempotent) brings them to the right one.
    /// </summary>
    private sealed class SnapshotInProgress(ISnapshotStore store, CapturedState captured)
    {
        private volatile bool _cancelled;
        private volatile bool _walked;

        public long Zxid { get; } = captured.Zxid;

        /// <summary>The file being written; null until the walk has opened it.</summary>
        public ISnapshotSink? Sink { get; private set; }

        /// <summary>The walk on the snapshot thread (null for a snapshot taken at once).</summary>
        public Task? Task { get; set; }

        /// <summary>True once the walk has ended, with <see cref="Failure"/> set when it failed.</summary>
        public bool IsWalked => _walked;

        public Exception? Failure { get; private set; }

        public void Cancel() => _cancelled = true;

        /// <summary>Opens the file and writes sessions, ACLs and every node; never throws (see <see cref="Failure"/>).</summary>
        public void Walk()
        {
            try
            {
                Sink = store.Begin(Zxid);
                Sink.WriteSessions(captured.Sessions);
                Sink.WriteAclCache(captured.Acls);
                WriteNodes(Sink);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Failure = ex;
            }
            finally
            {
                _walked = true;
            }
        }

        private void WriteNodes(ISnapshotSink sink)
        {
            var pending = new Stack<DataNode>();
            pending.Push(captured.Tree.Root);
            while (pending.TryPop(out var node))
            {
                if (_cancelled)
                {
                    throw new OperationCanceledException("the server is stopping");
                }
                DataNodeImage image;
                lock (node)
                {
                    image = node.Capture();
                    // A node created after the snapshot's zxid is left out with its whole subtree (all created
                    // after it): replay creates them. Written, it could name an ACL reference born after the ACL
                    // cache was captured, which neither ZkNet nor Apache ZooKeeper could resolve on loading, and
                    // replaying its create (NodeExists) would not repair.
                    if (image.Czxid > Zxid)
                    {
                        continue;
                    }
                    foreach (var child in node.ChildNodes)
                    {
                        pending.Push(child);
                    }
                }
                sink.WriteNode(node.Path, image);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Creating new snapshot at zxid 0x{Zxid:x}")]
    private partial void LogSnapshotStarted(long zxid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot at zxid 0x{Zxid:x} written")]
    private partial void LogSnapshotDone(long zxid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Snapshot at zxid 0x{Zxid:x} failed; the txn log still holds everything")]
    private partial void LogSnapshotFailed(Exception ex, long zxid);
}
