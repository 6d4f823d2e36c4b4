using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>
/// The server's snapshot sink over a <see cref="SnapshotWriter"/> in ZooKeeper's file format: completing it writes the
/// seal and the digest trailer: <paramref name="digest"/> when the snapshot is exact as of its zxid, else zxid 0, which
/// ZooKeeper 3.8 reads as "no digest" and accepts without comparing (a fuzzy snapshot's digest would need the digest
/// as of the end of its walk).
/// </summary>
/// <param name="writer">The file or stream being written; disposed with the sink.</param>
/// <param name="digest">The tree digest as of the snapshot's zxid, when known.</param>
public sealed class WriterSnapshotSink(SnapshotWriter writer, SnapshotDigest? digest = null) : ISnapshotSink
{
    /// <inheritdoc />
    public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => writer.WriteSessions(sessions);

    /// <inheritdoc />
    public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => writer.WriteAclCache(acls);

    /// <inheritdoc />
    public void WriteNode(string path, in DataNodeImage node) =>
        writer.WriteNode(path, node.Data, node.AclRef, new StatPersisted(node.Czxid, node.Mzxid, node.Ctime, node.Mtime,
            node.Version, node.Cversion, node.Aversion, node.EphemeralOwner, node.Pzxid));

    /// <inheritdoc />
    public void Complete() => writer.Complete(digest ?? new SnapshotDigest(0, SnapshotDigest.CurrentVersion, 0));

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
