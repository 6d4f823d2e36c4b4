namespace ZkNet.Persistence.Snapshots;

/// <summary>One znode as a snapshot stores it (DataTree.serializeNodeData: path, then DataNode).</summary>
/// <param name="Path">The full path; the root is "/" here (ZooKeeper writes it as "").</param>
/// <param name="Data">The data (null when the node was created with null data).</param>
/// <param name="AclRef">The node's key in the ACL cache; -1 stands for OPEN_ACL_UNSAFE without a cache entry.</param>
/// <param name="Stat">The persisted stat.</param>
public readonly record struct SnapshotNode(string Path, byte[]? Data, long AclRef, StatPersisted Stat);
