using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>A learner's database kept in memory and durable at once; a leader's snapshot is kept as the tree it read into.</summary>
internal sealed class MemoryZabDatabase : IZabDatabase
{
    private readonly List<ZabTxn> _log = [];

    public List<ZabTxn> Applied { get; } = [];

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
        Applied.RemoveAll(t => t.Zxid > zxid);
        LastLoggedZxid = Math.Min(LastLoggedZxid, zxid);
        LastProcessedZxid = Math.Min(LastProcessedZxid, zxid);
    }

    public void LoadSnapshot(IReceivedSnapshot snapshot, long zxid)
    {
        LoadedSnapshot = ((Received)snapshot).Tree;
        Applied.Clear();
        LastProcessedZxid = zxid;
    }

    public void ApplyInMemory(ZabTxn txn)
    {
        Applied.Add(txn);
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
            Applied.Add(txn);
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
