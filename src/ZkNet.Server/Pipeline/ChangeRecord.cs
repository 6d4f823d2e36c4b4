using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// A node as Prep sees it: the tree's state plus the changes of txns proposed but not yet applied, and of the
/// earlier operations of the same request (ZooKeeper's ChangeRecord). A record that says the node does not exist
/// (<see cref="Exists"/> false) hides the tree's node: a delete is in flight.
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
    };
}
