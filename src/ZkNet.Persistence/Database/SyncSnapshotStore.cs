using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>
/// Collects a snapshot in the form a leader streams to a learner after SNAP (see
/// <see cref="SnapshotWriter.ForSyncStream"/>), in memory: pass it to ZooKeeperServer.WriteSnapshotTo, then read
/// <see cref="Bytes"/>.
/// </summary>
public sealed class SyncSnapshotStore : ISnapshotStore
{
    /// <summary>The snapshot written, once complete (empty before).</summary>
    public byte[] Bytes { get; private set; } = [];

    /// <inheritdoc />
    public ISnapshotSink Begin(long zxid)
    {
        var output = new MemoryStream();
        return new Sink(this, output, SnapshotWriter.ForSyncStream(output));
    }

    private sealed class Sink(SyncSnapshotStore store, MemoryStream output, SnapshotWriter writer) : ISnapshotSink
    {
        public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => writer.WriteSessions(sessions);

        public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => writer.WriteAclCache(acls);

        public void WriteNode(string path, in DataNodeImage node) =>
            writer.WriteNode(path, node.Data, node.AclRef, new StatPersisted(node.Czxid, node.Mzxid, node.Ctime, node.Mtime,
                node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.Pzxid));

        public void Complete(ZxidDigest? digest)
        {
            // The stream a leader sends after SNAP has no digest trailer (it ends with its signature).
            writer.Complete(null);
            store.Bytes = output.ToArray();
        }

        public void Dispose()
        {
            writer.Dispose();
            output.Dispose();
        }
    }
}
