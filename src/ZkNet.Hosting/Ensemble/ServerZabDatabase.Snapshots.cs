using ZkNet.Persistence.Database;
using ZkNet.Quorum.Zab;
using ZkNet.Server;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// SNAP syncs, streamed on both sides (docs/ARCHITECTURE.md, "SNAP syncs"): neither the leader nor the learner ever
/// holds the serialized tree, so a sync costs no memory of the tree's size beyond the learner's new tree, and no
/// array limit caps the tree.
/// </summary>
internal sealed partial class ServerZabDatabase
{
    /// <summary>
    /// Leader: the zxid, sessions and ACL cache are captured now, on the processor thread; the nodes are walked when
    /// the learner's sender writes the snapshot, on a thread of the walk's own, straight to the socket. The walk reads
    /// the tree concurrently with the processor's changes, as every fuzzy snapshot here does (each node copied under
    /// its monitor; nodes created after the zxid left out), so the leader goes on serving clients and committing
    /// while a large snapshot streams, and the txns after the zxid, queued behind the snapshot, make the learner exact.
    /// </summary>
    public IZabSnapshot Snapshot()
    {
        var walk = _core.CaptureSnapshot(out var zxid);
        return new LeaderSnapshot(zxid, walk);
    }

    /// <summary>
    /// Learner, on the connection's reader thread: builds a new tree and session table from the stream. Only the
    /// configuration is read here (immutable); the tree in use is replaced later, by <see cref="LoadSnapshot"/> on the
    /// processor thread, so a stream that fails part way leaves the member exactly as it was.
    /// </summary>
    public IReceivedSnapshot ReadSnapshot(Stream stream)
    {
        var (tree, sessions) = ZkDatabase.ReadSyncSnapshot(stream, _config.ExtendedTypesEnabled, MaxSnapshotRecord);
        return new ReceivedSnapshot(tree, sessions);
    }

    public void LoadSnapshot(IReceivedSnapshot snapshot, long zxid)
    {
        var received = (ReceivedSnapshot)snapshot;
        received.Tree.LastProcessedZxid = zxid;
        Volatile.Write(ref _aheadOfDisk, true);
        _core.ResetState(received.Tree, received.Sessions);
    }

    /// <summary>
    /// The longest string or buffer accepted in a leader's snapshot: a node's data is bounded by the leader's
    /// jute.maxbuffer (1 MB by default), so a length beyond this is corruption, refused before anything is allocated.
    /// </summary>
    private const int MaxSnapshotRecord = 64 * 1024 * 1024;

    private sealed class LeaderSnapshot(long zxid, Func<ISnapshotStore, Task> walk) : IZabSnapshot
    {
        public long Zxid { get; } = zxid;

        public Task WriteToAsync(Stream stream, CancellationToken cancellationToken) =>
            cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : walk(new SyncSnapshotStore(stream));
    }

    private sealed class ReceivedSnapshot(Tree tree, Dictionary<long, int> sessions) : IReceivedSnapshot
    {
        public Tree Tree { get; } = tree;

        public Dictionary<long, int> Sessions { get; } = sessions;

        public long NodeCount => Tree.NodeCount;
    }
}
