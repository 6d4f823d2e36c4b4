using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// Returns the node's Stat, or null when it does not exist. With a watcher, leaves a one-shot watch either way:
    /// on a node that exists it fires on data change or delete; on one that does not, on create.
    /// </summary>
    public Task<Stat?> ExistsAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<Stat?>(OpCode.Exists, new ExistsRequest(ServerPath(path), watcher is not null), path,
            static (ref JuteReader body, Chroot _) => Stat.Deserialize(ref body))
        {
            ToleratedError = ErrorCode.NoNode,
            Hook = watcher is null ? null : new WatchRegistration(_watches, WatchKind.Data, path, watcher, isExists: true),
        };
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Returns the node's data and Stat. With a watcher, leaves a one-shot watch that fires when the data changes
    /// or the node is deleted.
    /// </summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist (no watch is left).</exception>
    /// <exception cref="Exceptions.NoAuthException">The ACL does not grant READ.</exception>
    public Task<DataResult> GetDataAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default) =>
        GetDataCoreAsync(path, watcher, ErrorCode.Ok, cancellationToken)!;

    /// <summary>As <see cref="GetDataAsync"/>, but returns null instead of throwing when the node does not exist.</summary>
    public Task<DataResult?> TryGetDataAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default) =>
        GetDataCoreAsync(path, watcher, ErrorCode.NoNode, cancellationToken);

    /// <summary>
    /// Returns the node's child names. With a watcher, leaves a one-shot watch that fires when a child is created
    /// or deleted, or the node itself is deleted.
    /// </summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist.</exception>
    public Task<IReadOnlyList<string>> GetChildrenAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<IReadOnlyList<string>>(OpCode.GetChildren, new GetChildrenRequest(ServerPath(path), watcher is not null),
            path, static (ref JuteReader body, Chroot _) => body.ReadStringVector() ?? [])
        {
            Hook = watcher is null ? null : new WatchRegistration(_watches, WatchKind.Child, path, watcher),
        };
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>As <see cref="GetChildrenAsync"/>, also returning the node's Stat (ZooKeeper's getChildren2).</summary>
    public Task<ChildrenResult> GetChildrenWithStatAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<ChildrenResult>(OpCode.GetChildren2, new GetChildren2Request(ServerPath(path), watcher is not null),
            path, static (ref JuteReader body, Chroot _) => new ChildrenResult(body.ReadStringVector() ?? [], Stat.Deserialize(ref body)))
        {
            Hook = watcher is null ? null : new WatchRegistration(_watches, WatchKind.Child, path, watcher),
        };
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>Returns the number of descendants of the node (children, grandchildren...), not counting the node.</summary>
    public Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<int>(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest(ServerPath(path)), path,
            static (ref JuteReader body, Chroot _) => body.ReadInt());
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Returns the paths of this session's ephemeral nodes whose path starts with <paramref name="prefixPath"/>
    /// ("/" for all), relative to the chroot.
    /// </summary>
    public Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefixPath = "/", CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(prefixPath, paramName: nameof(prefixPath));
        // The server matches by string prefix on full paths, so with a chroot "/app" it would also report
        // "/apple/..." — keep only what lies inside the chroot.
        var packet = new Packet<IReadOnlyList<string>>(OpCode.GetEphemerals, new GetEphemeralsRequest(ServerPath(prefixPath)), prefixPath,
            static (ref JuteReader body, Chroot chroot) =>
                (body.ReadStringVector() ?? []).Where(chroot.Contains).Select(chroot.ToClient).ToList());
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>Returns the node's ACL and Stat.</summary>
    /// <exception cref="Exceptions.NoNodeException">The node does not exist.</exception>
    public Task<AclResult> GetAclAsync(string path, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        var packet = new Packet<AclResult>(OpCode.GetAcl, new GetAclRequest(ServerPath(path)), path,
            static (ref JuteReader body, Chroot _) => new AclResult(Acl.ReadVector(ref body), Stat.Deserialize(ref body)));
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Returns the ensemble configuration (the data of /zookeeper/config) and its Stat, as ZooKeeper's getConfig:
    /// the node is read at its own path whatever the chroot. With a watcher, leaves a one-shot watch that fires when
    /// the configuration changes; that needs a session without a chroot, since the change event names a path
    /// outside it.
    /// </summary>
    /// <exception cref="NotSupportedException">A watcher on a chrooted session.</exception>
    public Task<DataResult> GetConfigAsync(IWatcher? watcher = null, CancellationToken cancellationToken = default)
    {
        if (watcher is not null && _chroot.Prefix.Length > 0)
        {
            return Task.FromException<DataResult>(new NotSupportedException("a config watch needs a session without a chroot"));
        }
        var packet = new Packet<DataResult>(OpCode.GetData, new GetDataRequest(ConfigNode, watcher is not null), ConfigNode,
            DataResult.Read)
        {
            Hook = watcher is null ? null : new WatchRegistration(_watches, WatchKind.Data, ConfigNode, watcher),
        };
        return SubmitAsync(packet, cancellationToken);
    }

    private Task<DataResult?> GetDataCoreAsync(string path, IWatcher? watcher, ErrorCode tolerated, CancellationToken cancellationToken)
    {
        PathValidation.Validate(path);
        var packet = new Packet<DataResult?>(OpCode.GetData, new GetDataRequest(ServerPath(path), watcher is not null), path,
            DataResult.Read)
        {
            ToleratedError = tolerated,
            Hook = watcher is null ? null : new WatchRegistration(_watches, WatchKind.Data, path, watcher),
        };
        return SubmitAsync(packet, cancellationToken);
    }
}
