using ZkNet.Persistence.Database;
using ZkNet.Persistence.Snapshots;
using ZkNet.Server;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Admin.Snapshots;

/// <summary>
/// A snapshot written, in ZooKeeper's file format (header, sessions, ACLs, nodes, seals, digest trailer), to a file of
/// its own at <paramref name="path"/> for the snapshot command to stream. It is fuzzy, written while requests go on
/// (see ZooKeeperServer.WriteSnapshotWhileServingAsync), and its trailer carries the tree's digest as of the last
/// txn applied when the walk ended (as ZooKeeper's do when digest.enabled): a reader learns the zxid, and Apache
/// ZooKeeper checks the digest when it replays its log to that point.
/// </summary>
internal sealed class SnapshotFileStore(string path) : ISnapshotStore
{
    public ISnapshotSink Begin(long zxid) =>
        new WriterSnapshotSink(new SnapshotWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024)));
}
