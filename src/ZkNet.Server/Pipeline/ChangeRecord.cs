using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// A node as Prep sees it: the tree's state plus the changes of txns proposed but not yet applied, and of the
/// earlier operations of the same request (ZooKeeper's ChangeRecord). A record that says the node does not exist
/// (<see cref="Exists"/> false) hides the tree's node: a delete is in flight. It carries everything the node's digest
/// covers, so the tree digest after a txn is known when the txn is logged, before it is applied (ZooKeeper's
/// PrepRequestProcessor precalculates it the same way).
/// </summary>
internal sealed class ChangeRecord
{
    public required string Path { get; init; }

    /// <summary>The zxid of the txn that produced this state (0 while it is only a request's private view).</summary>
    public long Zxid { get; set; }

    public bool Exists { get; set; } = true;

    public int Version { get; set; }

    /// <summary>The stored (creation-counting) cversion: the next sequential suffix.</summary>
    public int Cversion { get; set; }

    public int Aversion { get; set; }

    public int ChildCount { get; set; }

    /// <summary>The data length: a setData's quota check counts the difference from it.</summary>
    public int DataLength { get; set; }

    public long EphemeralOwner { get; set; }

    public required IReadOnlyList<Acl> Acl { get; set; }

    /// <summary>The data (the array the txn carries; never copied).</summary>
    public byte[]? Data { get; set; }

    public long Czxid { get; set; }

    public long Mzxid { get; set; }

    public long Pzxid { get; set; }

    public long Ctime { get; set; }

    public long Mtime { get; set; }

    /// <summary>What this request changed; the fields that take the txn's zxid and time are set when it is proposed.</summary>
    public NodeChanges Changes { get; set; }

    /// <summary>The tree node this record was read from, while no txn in flight touches the path (its digest is taken lazily).</summary>
    public DataNode? TreeNode { get; init; }

    /// <summary>The node's digest before this request changed it, when read from an outstanding record.</summary>
    public long DigestBefore { get; init; }

    /// <summary>The node's digest in this state, once its txn is proposed (0 when it does not exist).</summary>
    public long Digest { get; set; }

    /// <summary>A private copy for one request, so a request that fails leaves the outstanding record untouched.</summary>
    public ChangeRecord Copy() => new()
    {
        Path = Path,
        Exists = Exists,
        Version = Version,
        Cversion = Cversion,
        Aversion = Aversion,
        ChildCount = ChildCount,
        DataLength = DataLength,
        EphemeralOwner = EphemeralOwner,
        Acl = Acl,
        Data = Data,
        Czxid = Czxid,
        Mzxid = Mzxid,
        Pzxid = Pzxid,
        Ctime = Ctime,
        Mtime = Mtime,
        DigestBefore = Digest,
    };

    /// <summary>Gives the fields this request changed the txn's zxid and time, as DataTree will when it applies the txn.</summary>
    public void Stamp(long zxid, long time)
    {
        if ((Changes & NodeChanges.Created) != 0)
        {
            (Czxid, Mzxid, Pzxid, Ctime, Mtime) = (zxid, zxid, zxid, time, time);
        }
        if ((Changes & NodeChanges.Data) != 0)
        {
            (Mzxid, Mtime) = (zxid, time);
        }
        if ((Changes & NodeChanges.Children) != 0)
        {
            Pzxid = zxid;
        }
        Changes = NodeChanges.None;
    }

    /// <summary>The node's digest in this record's state (DataTree.NodeDigest of the same fields).</summary>
    public long ComputeDigest() => !Exists ? 0 : DataTree.DataTree.NodeDigest(Path, Data, Czxid, Mzxid, Pzxid, Ctime, Mtime,
        Version, Cversion, Aversion, EphemeralOwner);
}

/// <summary>What a request changed in a node, beyond the fields Prep sets directly (versions, ACL, existence).</summary>
[Flags]
internal enum NodeChanges
{
    None = 0,

    /// <summary>Created by this txn: czxid, mzxid, pzxid take its zxid; ctime and mtime its time.</summary>
    Created = 1,

    /// <summary>Data set: mzxid and mtime.</summary>
    Data = 2,

    /// <summary>A child created or deleted: pzxid.</summary>
    Children = 4,

    /// <summary>Something without a zxid field changed: the ACL version, or the node is deleted.</summary>
    Other = 8,
}
