using ZkNet.Client.Internal;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>Deletes the node if its data version matches (-1 matches any).</summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist.</exception>
    /// <exception cref="Exceptions.BadVersionException">The version does not match.</exception>
    /// <exception cref="Exceptions.NotEmptyException">The node has children.</exception>
    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        return SubmitAsync(new Packet<bool>(OpCode.Delete, new DeleteRequest(ServerPath(path), version), path, null), cancellationToken);
    }

    /// <summary>As <see cref="DeleteAsync"/>, but returns false instead of throwing when the node does not exist.</summary>
    public Task<bool> TryDeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<bool>(OpCode.Delete, new DeleteRequest(ServerPath(path), version), path,
            static (ref JuteReader _, Chroot _) => true)
        {
            ToleratedError = ErrorCode.NoNode,
        };
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Changes the ensemble's membership, as ZooKeeper's reconfig (ZooKeeperAdmin.reconfigure): either incrementally,
    /// with <paramref name="joiningServers"/> ("server.N=host:port1:port2[:role];[clientHost:]clientPort" entries,
    /// comma-separated) and <paramref name="leavingServers"/> (server ids, comma-separated), or wholesale with
    /// <paramref name="newMembers"/>. <paramref name="fromConfig"/> is the config version the change applies to
    /// (-1 for any). Returns the new configuration and the Stat of /zookeeper/config.
    /// </summary>
    /// <exception cref="Exceptions.KeeperException">ReconfigDisabled when the server does not allow reconfig (a
    /// standalone server always refuses it), NewConfigNoQuorum, ReconfigInProgress, BadVersion, NoAuth.</exception>
    public Task<DataResult> ReconfigAsync(string? joiningServers, string? leavingServers, string? newMembers, long fromConfig = -1,
        CancellationToken cancellationToken = default)
    {
        var packet = new Packet<DataResult>(OpCode.Reconfig, new ReconfigRequest(joiningServers, leavingServers, newMembers, fromConfig),
            null, DataResult.Read);
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>Replaces the node's data if its data version matches (-1 matches any); returns the new Stat.</summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist.</exception>
    /// <exception cref="Exceptions.BadVersionException">The version does not match.</exception>
    public Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<Stat>(OpCode.SetData, new SetDataRequest(ServerPath(path), data, version), path,
            static (ref JuteReader body, Chroot _) => Stat.Deserialize(ref body));
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>Replaces the node's ACL if its ACL version (aversion) matches (-1 matches any); returns the new Stat.</summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist.</exception>
    /// <exception cref="Exceptions.BadVersionException">The ACL version does not match.</exception>
    /// <exception cref="Exceptions.InvalidAclException">The ACL is empty or invalid.</exception>
    public Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int aclVersion = -1, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        if (acl is null || acl.Count == 0)
        {
            return Task.FromException<Stat>(new Exceptions.InvalidAclException(path));
        }
        var packet = new Packet<Stat>(OpCode.SetAcl, new SetAclRequest(ServerPath(path), acl, aclVersion), path,
            static (ref JuteReader body, Chroot _) => Stat.Deserialize(ref body));
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Waits until the server this client is connected to has caught up with the leader, so a read issued after
    /// this completes sees every write committed before the sync was issued.
    /// </summary>
    public Task SyncAsync(string path = "/", CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<string>(OpCode.Sync, new SyncRequest(ServerPath(path)), path,
            static (ref JuteReader body, Chroot chroot) => chroot.ToClient(body.ReadStringOrEmpty()));
        return SubmitAsync(packet, cancellationToken);
    }
}
