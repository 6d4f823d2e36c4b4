using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>The server's <see cref="ISnapshotStore"/> on ZooKeeper's snapshot.&lt;zxid&gt; files.</summary>
/// <param name="snapLog">The data directories.</param>
/// <param name="compression">How new snapshots are compressed (zookeeper.snapshot.compression.method).</param>
public sealed class SnapshotStoreAdapter(FileTxnSnapLog snapLog, SnapshotCompression compression = SnapshotCompression.None) : ISnapshotStore
{
    /// <inheritdoc />
    public ISnapshotSink Begin(long zxid) => new Sink(snapLog.CreateSnapshot(zxid, compression));

    private sealed class Sink(SnapshotWriter writer) : ISnapshotSink
    {
        public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => writer.WriteSessions(sessions);

        public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => writer.WriteAclCache(acls);

        public void WriteNode(string path, in DataNodeImage node) =>
            writer.WriteNode(path, node.Data, node.AclRef, new StatPersisted(node.Czxid, node.Mzxid, node.Ctime, node.Mtime,
                node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.Pzxid));

        // Zxid 0 in the digest trailer means "no digest", which ZooKeeper 3.8 accepts without comparing.
        public void Complete() => writer.Complete(new SnapshotDigest(0, SnapshotDigest.CurrentVersion, 0));

        public void Dispose() => writer.Dispose();
    }
}
