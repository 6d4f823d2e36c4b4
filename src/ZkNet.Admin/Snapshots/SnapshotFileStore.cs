using ZkNet.Persistence.Database;
using ZkNet.Persistence.Snapshots;
using ZkNet.Server;

namespace ZkNet.Admin.Snapshots;

/// <summary>
/// A snapshot written, in ZooKeeper's file format (header, sessions, ACLs, nodes, seals, digest trailer), to a file of
/// its own at <paramref name="path"/> for the snapshot command to stream.
/// </summary>
internal sealed class SnapshotFileStore(string path) : ISnapshotStore
{
    public ISnapshotSink Begin(long zxid) =>
        new WriterSnapshotSink(new SnapshotWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024)));
}
