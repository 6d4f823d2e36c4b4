using ZkNet.Protocol.Records;

namespace ZkNet.Server.DataTree;

/// <summary>
/// One znode: its data, a reference into the ACL cache and the persisted part of its Stat (ZooKeeper's
/// StatPersisted). numChildren and the client-visible cversion are derived when a Stat is produced.
/// Mutated only by the request processor thread, which holds the node's monitor (lock (node)) while it changes it,
/// so that the snapshot thread can take a consistent image of the node and its children at any moment.
/// </summary>
public sealed class DataNode
{
    private static readonly string[] NoChildren = [];
    private static readonly DataNode[] NoChildNodes = [];

    // Child nodes by name: the snapshot walk follows these references instead of looking every path up.
    private Dictionary<string, DataNode>? _children;

    /// <summary>Creates a node.</summary>
    public DataNode(byte[]? data, long aclRef, long czxid, long time, long ephemeralOwner)
    {
        Data = data;
        AclRef = aclRef;
        Czxid = czxid;
        Mzxid = czxid;
        Pzxid = czxid;
        Ctime = time;
        Mtime = time;
        EphemeralOwner = ephemeralOwner;
    }

    /// <summary>The node's full path (the same string the tree is keyed by); set when the node joins a tree.</summary>
    public string Path { get; internal set; } = "";

    /// <summary>The node's data; null when created or set without data (getData then answers a null buffer, as ZooKeeper).</summary>
    public byte[]? Data { get; set { field = value; HasDigest = false; } }

    /// <summary>Length of the data (0 for null).</summary>
    public int DataLength => Data?.Length ?? 0;

    /// <summary>The node's ACL, as a reference into <see cref="ReferenceCountedAclCache"/>.</summary>
    public long AclRef { get; set; }

    /// <summary>zxid of the creating change.</summary>
    public long Czxid { get; set { field = value; HasDigest = false; } }

    /// <summary>zxid of the last data change.</summary>
    public long Mzxid { get; set { field = value; HasDigest = false; } }

    /// <summary>zxid of the last change to the children.</summary>
    public long Pzxid { get; set { field = value; HasDigest = false; } }

    /// <summary>Creation time (ms since the epoch).</summary>
    public long Ctime { get; set { field = value; HasDigest = false; } }

    /// <summary>Last data change time (ms since the epoch).</summary>
    public long Mtime { get; set { field = value; HasDigest = false; } }

    /// <summary>Data version.</summary>
    public int Version { get; set { field = value; HasDigest = false; } }

    /// <summary>
    /// The persisted child version, which counts child creations only. ZooKeeper reports
    /// <c>2 * cversion - numChildren</c> so that deletions count too, and names sequential children from this
    /// stored counter.
    /// </summary>
    public int Cversion { get; set { field = value; HasDigest = false; } }

    /// <summary>ACL version.</summary>
    public int Aversion { get; set { field = value; HasDigest = false; } }

    /// <summary>Owning session, container marker, TTL encoding, or 0.</summary>
    public long EphemeralOwner { get; set { field = value; HasDigest = false; } }

    /// <summary>
    /// The digest this node added to its tree's (valid while <see cref="HasDigest"/>), kept so that taking it out
    /// before a change, and Prep's precalculation of the digest after a txn, need no second CRC over path and data
    /// (ZooKeeper's DataNode caches its digest the same way). Setting any field the digest covers drops it, so a
    /// node changed behind the tree's back is digested afresh.
    /// </summary>
    internal long Digest { get; set; }

    /// <summary>Whether <see cref="Digest"/> is what the tree's digest holds for this node.</summary>
    internal bool HasDigest { get; set; }

    /// <summary>The child names.</summary>
    public IReadOnlyCollection<string> Children => _children is null ? NoChildren : _children.Keys;

    /// <summary>The child nodes (enumerate under the node's monitor when off the processor thread).</summary>
    public IReadOnlyCollection<DataNode> ChildNodes => _children is null ? NoChildNodes : _children.Values;

    /// <summary>Number of children.</summary>
    public int ChildCount => _children?.Count ?? 0;

    /// <summary>Adds a child.</summary>
    public bool AddChild(string name, DataNode child) =>
        (_children ??= new Dictionary<string, DataNode>(StringComparer.Ordinal)).TryAdd(name, child);

    /// <summary>Removes a child.</summary>
    public bool RemoveChild(string name) => _children?.Remove(name) ?? false;

    /// <summary>The persisted state as it is now; call under the node's monitor when off the processor thread.</summary>
    public DataNodeImage Capture() =>
        new(Data, AclRef, Czxid, Mzxid, Ctime, Mtime, Version, Cversion, Aversion, EphemeralOwner, Pzxid);

    /// <summary>The Stat a client sees. Container and TTL markers are hidden (reported as 0), as ZooKeeper does.</summary>
    public Stat ToStat(bool extendedTypesEnabled)
    {
        var owner = EphemeralOwnerCodec.TypeOf(EphemeralOwner, extendedTypesEnabled) == EphemeralType.Normal ? EphemeralOwner : 0;
        var numChildren = ChildCount;
        return new Stat(Czxid, Mzxid, Ctime, Mtime, Version, (Cversion * 2) - numChildren, Aversion, owner, DataLength,
            numChildren, Pzxid);
    }
}
