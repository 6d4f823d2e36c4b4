using ZkNet.Client.Internal;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>
/// One operation of a multi (ZooKeeper's Op): writes (<see cref="Create"/>, <see cref="Delete"/>,
/// <see cref="SetData"/>, <see cref="Check"/>) go in a transaction, reads (<see cref="GetData"/>,
/// <see cref="GetChildren"/>) in a multiRead; the two kinds cannot be mixed.
/// </summary>
/// <param name="Path">The node's path, relative to the chroot.</param>
public abstract record Op(string Path)
{
    /// <summary>The opcode this operation is sent with.</summary>
    internal abstract OpCode OpCode { get; }

    /// <summary>Whether this is a read (multiRead) rather than a write (multi).</summary>
    internal virtual bool IsRead => false;

    /// <summary>Throws <see cref="ArgumentException"/> when the operation cannot be sent.</summary>
    internal virtual void Validate() => PathValidation.Validate(Path);

    /// <summary>The operation's request record for <paramref name="serverPath"/>.</summary>
    internal abstract IJuteRecord ToRequest(string serverPath);

    /// <summary>Creates a node; see <see cref="ZooKeeperClient.CreateAsync"/> for the meaning of each argument.</summary>
    public static CreateOp Create(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent,
        TimeSpan? ttl = null) => new(path, data, acl, mode, ttl);

    /// <summary>Deletes a node if its version matches (-1 matches any).</summary>
    public static DeleteOp Delete(string path, int version = -1) => new(path, version);

    /// <summary>Sets a node's data if its version matches (-1 matches any).</summary>
    public static SetDataOp SetData(string path, byte[]? data, int version = -1) => new(path, data, version);

    /// <summary>Fails the transaction unless the node exists with this version (-1 only checks existence).</summary>
    public static CheckOp Check(string path, int version = -1) => new(path, version);

    /// <summary>Reads a node's data and Stat (multiRead).</summary>
    public static GetDataOp GetData(string path) => new(path);

    /// <summary>Lists a node's children (multiRead).</summary>
    public static GetChildrenOp GetChildren(string path) => new(path);
}
