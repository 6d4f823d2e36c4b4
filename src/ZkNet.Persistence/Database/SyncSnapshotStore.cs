using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>
/// Writes a snapshot in the form a leader streams to a learner after SNAP (see <see cref="SnapshotWriter.ForSyncStream"/>)
/// straight to <paramref name="output"/>, a learner's connection: staged in pieces of some 64 KB, never whole, and left
/// open (flushed) once complete. Pass it to ZooKeeperServer's snapshot walk.
/// </summary>
public sealed class SyncSnapshotStore(Stream output) : ISnapshotStore
{
    /// <inheritdoc />
    public ISnapshotSink Begin(long zxid) => new Sink(SnapshotWriter.ForSyncStream(output));

    private sealed class Sink(SnapshotWriter writer) : ISnapshotSink
    {
        public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => writer.WriteSessions(sessions);

        public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => writer.WriteAclCache(acls);

        public void WriteNode(string path, in DataNodeImage node) =>
            writer.WriteNode(path, node.Data, node.AclRef, new StatPersisted(node.Czxid, node.Mzxid, node.Ctime, node.Mtime,
                node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.Pzxid));

        // The stream a leader sends after SNAP has no digest trailer (it ends with its signature).
        public void Complete(ZxidDigest? digest) => writer.Complete(null);

        public void Dispose() => writer.Dispose();
    }
}
