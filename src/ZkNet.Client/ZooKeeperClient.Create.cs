using ZkNet.Client.Internal;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// Creates a node and returns its actual path (with the 10-digit sequence suffix for sequential modes).
    /// </summary>
    /// <param name="path">The path; for sequential modes, the prefix the server completes (it may end with '/').</param>
    /// <param name="data">The data, or null.</param>
    /// <param name="acl">The ACL, not empty (e.g. <see cref="Acl.OpenAclUnsafe"/>, <see cref="Acl.CreatorAllAcl"/>).</param>
    /// <param name="mode">The create mode. Container and TTL nodes need a server with them enabled
    /// (TTL: <c>extendedTypesEnabled=true</c>); otherwise the server answers Unimplemented or BadArguments.</param>
    /// <param name="ttl">For the TTL modes (only), how long the node may stay unmodified and childless.</param>
    /// <param name="cancellationToken">Cancels the wait (a request already sent may still be applied).</param>
    /// <exception cref="Exceptions.NodeExistsException">The node exists.</exception>
    /// <exception cref="Exceptions.NoNodeException">The parent does not exist.</exception>
    /// <exception cref="Exceptions.NoChildrenForEphemeralsException">The parent is ephemeral.</exception>
    /// <exception cref="Exceptions.InvalidAclException">The ACL is empty or invalid.</exception>
    /// <exception cref="ArgumentException">The path is invalid, or the TTL does not fit the mode.</exception>
    public Task<string> CreateAsync(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path, mode.IsSequential());
        CreateArguments.Validate(acl, mode, ttl);
        // Plain create answers with the path only; container and TTL creates answer create2-style, whose record
        // starts with the same path, so one parser reads both.
        var packet = new Packet<string>(CreateArguments.OpCodeFor(mode, OpCode.Create), CreateRecord(path, data, acl, mode, ttl), path,
            static (ref JuteReader body, Chroot chroot) => chroot.ToClient(body.ReadStringOrEmpty()));
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Creates a node and returns its actual path and its Stat (ZooKeeper's create2). Arguments and errors are
    /// those of <see cref="CreateAsync"/>.
    /// </summary>
    public Task<CreateResult> CreateWithStatAsync(string path, byte[]? data, IReadOnlyList<Acl> acl,
        CreateMode mode = CreateMode.Persistent, TimeSpan? ttl = null, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path, mode.IsSequential());
        CreateArguments.Validate(acl, mode, ttl);
        var packet = new Packet<CreateResult>(CreateArguments.OpCodeFor(mode, OpCode.Create2), CreateRecord(path, data, acl, mode, ttl), path,
            static (ref JuteReader body, Chroot chroot) =>
                new CreateResult(chroot.ToClient(body.ReadStringOrEmpty()), Stat.Deserialize(ref body)));
        return SubmitAsync(packet, cancellationToken);
    }

    private IJuteRecord CreateRecord(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode, TimeSpan? ttl) =>
        CreateArguments.Request(ServerPath(path), data, acl, mode, ttl);
}
