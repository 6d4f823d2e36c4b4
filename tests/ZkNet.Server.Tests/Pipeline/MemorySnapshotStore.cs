using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// Snapshots kept in memory. The walk can be slowed (a yield every few nodes, so the processor thread really runs
/// between captures) or held at its start, to stop the server in the middle of one.
/// </summary>
internal sealed class MemorySnapshotStore(int yieldEveryNodes) : ISnapshotStore
{
    private readonly List<Snapshot> _completed = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _yieldEveryNodes = yieldEveryNodes;
    private int _running;
    private int _abandoned;
    private TaskCompletionSource? _idle;

    /// <summary>When set, every walk waits for it once, after its first node.</summary>
    public SemaphoreSlim? HoldWalk { get; init; }

    /// <summary>Completes when the first snapshot has begun.</summary>
    public Task Started => _started.Task;

    public IReadOnlyList<Snapshot> Completed
    {
        get
        {
            lock (_completed)
            {
                return [.. _completed];
            }
        }
    }

    public int Abandoned => Volatile.Read(ref _abandoned);

    public ISnapshotSink Begin(long zxid)
    {
        lock (_completed)
        {
            _running++;
        }
        _started.TrySetResult();
        return new Sink(this, new Snapshot(zxid));
    }

    /// <summary>
    /// Completes once no snapshot is being written. A walked snapshot is completed after the processor's next
    /// batch end, which the walk itself triggers, so this needs no request from the test.
    /// </summary>
    public Task IdleAsync()
    {
        lock (_completed)
        {
            if (_running == 0)
            {
                return Task.CompletedTask;
            }
            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }

    public sealed class Snapshot(long zxid)
    {
        public long Zxid { get; } = zxid;

        public List<KeyValuePair<long, int>> Sessions { get; } = [];

        public List<KeyValuePair<long, IReadOnlyList<Acl>>> Acls { get; } = [];

        public List<(string Path, DataNodeImage Image)> Nodes { get; } = [];

        /// <summary>The digest the server recorded when it completed the snapshot.</summary>
        public ZxidDigest? Digest { get; set; }
    }

    private sealed class Sink(MemorySnapshotStore store, Snapshot snapshot) : ISnapshotSink
    {
        private bool _ended;

        public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => snapshot.Sessions.AddRange(sessions);

        public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => snapshot.Acls.AddRange(acls);

        public void WriteNode(string path, in DataNodeImage node)
        {
            snapshot.Nodes.Add((path, node));
            if (snapshot.Nodes.Count == 1)
            {
                store.HoldWalk?.Wait();
            }
            if (snapshot.Nodes.Count % store._yieldEveryNodes == 0)
            {
                Thread.Yield();
            }
        }

        public void Complete(ZxidDigest? digest)
        {
            snapshot.Digest = digest;
            End(completed: true);
        }

        public void Dispose()
        {
            if (!_ended)
            {
                Interlocked.Increment(ref store._abandoned);
                End(completed: false);
            }
        }

        private void End(bool completed)
        {
            _ended = true;
            lock (store._completed)
            {
                if (completed)
                {
                    store._completed.Add(snapshot);
                }
                if (--store._running == 0)
                {
                    store._idle?.TrySetResult();
                    store._idle = null;
                }
            }
        }
    }
}
