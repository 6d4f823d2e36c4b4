using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// A node as Prep sees it: the tree's state plus the changes of the earlier operations of the same multi, which
/// are validated before any of them is applied (ZooKeeper's ChangeRecord).
/// </summary>
internal sealed class ChangeRecord
{
    public required string Path { get; init; }

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
}
