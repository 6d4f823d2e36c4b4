using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Server;

/// <summary>
/// Where fuzzy snapshots go (ZkNet.Persistence writes ZooKeeper's snapshot.&lt;zxid&gt; files). The server feeds a
/// sink in ZooKeeper's order, sessions, then the ACL cache, then the nodes parents-first, from its snapshot
/// thread while the request processor goes on, so taking a snapshot never stalls the pipeline.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Starts a snapshot of the state as of <paramref name="zxid"/> (the txns after it are replayed on recovery).</summary>
    ISnapshotSink Begin(long zxid);
}

/// <summary>One snapshot being written.</summary>
public interface ISnapshotSink : IDisposable
{
    /// <summary>Writes the sessions and their timeouts.</summary>
    void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions);

    /// <summary>Writes the ACL cache (reference to list).</summary>
    void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls);

    /// <summary>Writes one node ("/" first, then every node after its parent).</summary>
    void WriteNode(string path, in DataNodeImage node);

    /// <summary>
    /// Seals the file and makes it durable and visible. Called off the processor thread. <paramref name="digest"/> is
    /// the tree digest to record after the nodes (ZooKeeper 3.6+'s zxid digest): zxid 0 records "none", null records
    /// nothing (digests off).
    /// </summary>
    void Complete(ZxidDigest? digest);
}
