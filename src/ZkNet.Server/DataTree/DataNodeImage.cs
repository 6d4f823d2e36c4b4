namespace ZkNet.Server.DataTree;

/// <summary>
/// What a snapshot stores of one znode, taken at one instant (<see cref="DataNode.Capture"/>) so that the
/// snapshot thread serializes a consistent copy while the processor thread goes on changing the node.
/// The data array is shared, not copied: the tree replaces a node's array on setData and never writes into it.
/// </summary>
public readonly record struct DataNodeImage(
    byte[]? Data,
    long AclRef,
    long Czxid,
    long Mzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    long EphemeralOwner,
    long Pzxid);
