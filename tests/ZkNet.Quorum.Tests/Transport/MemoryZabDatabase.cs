using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>A learner's database kept in memory and durable at once; a leader's snapshot is kept as the tree it read into.</summary>
internal sealed class MemoryZabDatabase : IZabDatabase
{
    private readonly List<ZabTxn> _log = [];
    private readonly List<(Func<ZabTxn, bool> Match, TaskCompletionSource<ZabTxn> Done)> _waiters = [];

    public List<ZabTxn> Applied { get; } = [];

    /// <summary>
    /// Completes with the first txn matching <paramref name="match"/> that is (or was) applied. A leader answers its
    /// client once a quorum acknowledged, before this learner has its COMMIT, so a test waits for it here.
    /// </summary>
    public Task<ZabTxn> WhenApplied(Func<ZabTxn, bool> match)
    {
        lock (_waiters)
        {
            if (Applied.FirstOrDefault(match) is { } done)
            {
                return Task.FromResult(done);
            }
            var waiter = new TaskCompletionSource<ZabTxn>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task;
        }
    }

    private void Add(ZabTxn txn)
    {
        lock (_waiters)
        {
            Applied.Add(txn);
            foreach (var waiter in _waiters.Where(w => w.Match(txn)).ToList())
            {
                waiter.Done.TrySetResult(txn);
                _waiters.Remove(waiter);
            }
        }
    }

    public ZkNet.Server.DataTree.DataTree? LoadedSnapshot { get; private set; }

    public long LastLoggedZxid { get; private set; }

    public long LastProcessedZxid { get; private set; }

    public long AcceptedEpoch { get; private set; }

    public long CurrentEpoch { get; private set; }

    public void SetAcceptedEpoch(long epoch) => AcceptedEpoch = epoch;

    public void SetCurrentEpoch(long epoch) => CurrentEpoch = epoch;

    public IReadOnlyList<ZabTxn> RecentCommitted(int max) => Applied.TakeLast(max).ToList();

    public IZabSnapshot Snapshot() => throw new NotSupportedException("this database only follows");

    public IReceivedSnapshot ReadSnapshot(Stream stream) =>
        new Received(ZkNet.Persistence.Database.ZkDatabase.ReadSyncSnapshot(stream, extendedTypesEnabled: false).Tree);

    public void Truncate(long zxid)
    {
        _log.RemoveAll(t => t.Zxid > zxid);
        lock (_waiters)
        {
            Applied.RemoveAll(t => t.Zxid > zxid);
        }
        LastLoggedZxid = Math.Min(LastLoggedZxid, zxid);
        LastProcessedZxid = Math.Min(LastProcessedZxid, zxid);
    }

    public void LoadSnapshot(IReceivedSnapshot snapshot, long zxid)
    {
        LoadedSnapshot = ((Received)snapshot).Tree;
        lock (_waiters)
        {
            Applied.Clear();
        }
        LastProcessedZxid = zxid;
    }

    public void ApplyInMemory(ZabTxn txn)
    {
        Add(txn);
        LastProcessedZxid = txn.Zxid;
    }

    public void PersistSnapshot() => LastLoggedZxid = LastProcessedZxid;

    public void Append(ZabTxn txn)
    {
        _log.Add(txn);
        LastLoggedZxid = txn.Zxid;
    }

    public void Commit(long zxid)
    {
        if (_log.Find(t => t.Zxid == zxid) is { } txn && zxid > LastProcessedZxid)
        {
            Add(txn);
            LastProcessedZxid = zxid;
        }
    }

    public void Reload()
    {
    }

    private sealed record Received(ZkNet.Server.DataTree.DataTree Tree) : IReceivedSnapshot
    {
        public long NodeCount => Tree.NodeCount;
    }
}
