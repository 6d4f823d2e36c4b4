using ZkNet.Client.Multi;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>
/// A ZooKeeper session's operations, as <see cref="ZooKeeperClient"/> implements them: what recipes and applications
/// depend on, so that tests can substitute it and dependency injection can hand it out. Every member behaves as the
/// <see cref="ZooKeeperClient"/> member of the same name documents.
/// </summary>
public interface IZooKeeperClient : IAsyncDisposable
{
    /// <summary>The client's state.</summary>
    ClientState State { get; }

    /// <summary>The connection state in Curator's terms, or null before the first session.</summary>
    ConnectionState? ConnectionState { get; }

    /// <summary>The session id (0 until the first session).</summary>
    long SessionId { get; }

    /// <summary>The session timeout the server agreed to (zero until the first session).</summary>
    TimeSpan SessionTimeout { get; }

    /// <summary>The chroot from the connect string, or "".</summary>
    string Chroot { get; }

    /// <summary>Calls <paramref name="listener"/> for every later connection state change, in order; dispose the result to stop.</summary>
    IDisposable AddConnectionStateListener(Func<ConnectionState, ValueTask> listener);

    /// <summary>Creates a node and returns its actual path.</summary>
    Task<string> CreateAsync(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a node and returns its actual path and Stat.</summary>
    Task<CreateResult> CreateWithStatAsync(string path, byte[]? data, IReadOnlyList<Acl> acl, CreateMode mode = CreateMode.Persistent,
        TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the node if its version matches (-1 matches any).</summary>
    Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default);

    /// <summary>Deletes the node; false when it did not exist.</summary>
    Task<bool> TryDeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default);

    /// <summary>Replaces the node's data if its version matches (-1 matches any).</summary>
    Task<Stat> SetDataAsync(string path, byte[]? data, int version = -1, CancellationToken cancellationToken = default);

    /// <summary>The node's Stat, or null when it does not exist; optionally leaves a one-shot watch.</summary>
    Task<Stat?> ExistsAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default);

    /// <summary>The node's data and Stat; optionally leaves a one-shot watch.</summary>
    Task<DataResult> GetDataAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default);

    /// <summary>The node's data and Stat, or null when it does not exist.</summary>
    Task<DataResult?> TryGetDataAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default);

    /// <summary>The node's child names; optionally leaves a one-shot watch.</summary>
    Task<IReadOnlyList<string>> GetChildrenAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default);

    /// <summary>The node's child names and its Stat; optionally leaves a one-shot watch.</summary>
    Task<ChildrenResult> GetChildrenWithStatAsync(string path, IWatcher? watcher = null, CancellationToken cancellationToken = default);

    /// <summary>The node's ACL and Stat.</summary>
    Task<AclResult> GetAclAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>Replaces the node's ACL if its ACL version matches (-1 matches any).</summary>
    Task<Stat> SetAclAsync(string path, IReadOnlyList<Acl> acl, int aclVersion = -1, CancellationToken cancellationToken = default);

    /// <summary>Applies write operations atomically.</summary>
    Task<IReadOnlyList<OpResult>> MultiAsync(IEnumerable<Op> ops, CancellationToken cancellationToken = default);

    /// <summary>Waits until the connected server has caught up with the leader.</summary>
    Task SyncAsync(string path = "/", CancellationToken cancellationToken = default);

    /// <summary>Adds a persistent or persistent-recursive watch.</summary>
    Task AddWatchAsync(string path, IWatcher watcher, AddWatchMode mode, CancellationToken cancellationToken = default);

    /// <summary>Removes one watcher of the given type from the path.</summary>
    Task RemoveWatchesAsync(string path, IWatcher watcher, WatcherType type, bool local = false, CancellationToken cancellationToken = default);

    /// <summary>A persistent watch as an async stream.</summary>
    IAsyncEnumerable<WatchedEvent> WatchAsync(string path, AddWatchMode mode, CancellationToken cancellationToken = default);

    /// <summary>Keeper state changes as an async stream.</summary>
    IAsyncEnumerable<KeeperState> StateChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Closes the session and stops the client.</summary>
    Task CloseAsync(CancellationToken cancellationToken = default);
}
