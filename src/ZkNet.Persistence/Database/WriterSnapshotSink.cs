using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;

namespace ZkNet.Persistence.Database;

/// <summary>
/// The server's snapshot sink over a <see cref="SnapshotWriter"/> in ZooKeeper's file format: completing it writes the
/// seal and then the digest trailer the server hands over: the tree digest with the zxid it belongs to, zxid 0 for
/// "none" (ZooKeeper 3.8 reads it as no digest and compares nothing), or no trailer at all when digests are off.
/// </summary>
/// <param name="writer">The file or stream being written; disposed with the sink.</param>
public sealed class WriterSnapshotSink(SnapshotWriter writer) : ISnapshotSink
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
    public void Complete(ZxidDigest? digest) =>
        writer.Complete(digest is { } d ? new SnapshotDigest(d.Zxid, d.DigestVersion, d.Digest) : null);

    /// <inheritdoc />
    public void Dispose() => writer.Dispose();
}
