using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Nodes;

/// <summary>
/// Group membership (Curator's GroupMember, same nodes): each member keeps an ephemeral node
/// <c>{path}/{id}</c> holding its payload; the members are the children. A member whose session ends leaves the group
/// by itself. The node is kept as Curator's PersistentNode (CreateMode.EPHEMERAL) keeps it: deleted by someone else, it
/// is put back at once; missing after a reconnect, it is put back then; and a node that already exists (another
/// session's, say) is taken over: the member writes its payload into it and puts back its own once it goes.
/// </summary>
public sealed partial class GroupMember : IAsyncDisposable
{
    private readonly IZooKeeperClient _client;
    private readonly string _ourPath;
    private readonly IWatcher _watcher;

    // Serializes the steps that put the node back (watch events, reconnects, a payload meeting no node) and the
    // close: a put in flight finishes before the close deletes, so no node comes back after it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile byte[] _payload;
    private IDisposable? _connectionListener;
    private int _state; // 0 latent, 1 started, 2 closed

    /// <summary>Creates a member; it joins on <see cref="StartAsync"/>.</summary>
    /// <param name="client">The session that carries the membership.</param>
    /// <param name="membershipPath">The group's path.</param>
    /// <param name="id">This member's id, unique in the group (a node name).</param>
    /// <param name="payload">Data other members read, or null.</param>
    public GroupMember(IZooKeeperClient client, string membershipPath, string id, byte[]? payload = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("a member id is a node name, without '/'", nameof(id));
        }
        _client = client;
        MembershipPath = ZkPaths.Validate(membershipPath, nameof(membershipPath));
        Id = id;
        _ourPath = ZkPaths.MakePath(membershipPath, id);
        _payload = Copy(payload);
        _watcher = Watcher.Create(OnNodeEvent);
    }

    /// <summary>The group's path.</summary>
    public string MembershipPath { get; }

    /// <summary>This member's id.</summary>
    public string Id { get; }

    /// <summary>
    /// Joins the group. If the node <c>{path}/{id}</c> already exists (another live member with this id, say), the
    /// member does not fail: as Curator's PersistentNode, it writes its payload into that node, watches it, and creates
    /// its own once it is deleted.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the member was already started");
        }
        // Curator's PersistentNode creates again on every RECONNECTED, whether or not the node is missing.
        _connectionListener = _client.AddConnectionStateListener(state =>
            state == ConnectionState.Reconnected ? new ValueTask(KeepNodeAsync(createFirst: true)) : ValueTask.CompletedTask);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PutNodeAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Replaces this member's payload (Curator's setThisData): written into the node now, and used whenever the node
    /// is put back later. If the node is missing at that moment it is put back with this payload before the call returns.
    /// </summary>
    /// <exception cref="InvalidOperationException">The member has not started, or was closed.</exception>
    public async Task SetPayloadAsync(byte[]? payload, CancellationToken cancellationToken = default)
    {
        // Curator refuses a payload before the initial create and after close (its node path is unset then).
        if (Volatile.Read(ref _state) != 1)
        {
            throw new InvalidOperationException("the member is not started, or was closed");
        }
        var data = Copy(payload);
        _payload = data;
        try
        {
            await _client.SetDataAsync(_ourPath, data, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            // Deleted behind our back; the watch is putting it back, perhaps with the old payload. Curator's setData
            // goes in the background and ends the same way; here the caller gets the end state before returning.
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await PutNodeAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>The current members and their payloads.</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> GetCurrentMembersAsync(CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        IReadOnlyList<string> children;
        try
        {
            children = await _client.GetChildrenAsync(MembershipPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return result;
        }
        foreach (var child in children)
        {
            if (await _client.TryGetDataAsync(ZkPaths.MakePath(MembershipPath, child), cancellationToken: cancellationToken).ConfigureAwait(false) is { } data)
            {
                result[child] = data.Data;
            }
        }
        return result;
    }

    /// <summary>
    /// Leaves the group: deletes the member's node (as Curator does, even one it took over from another session) and
    /// stops putting it back.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }
        _connectionListener?.Dispose();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _client.TryDeleteAsync(_ourPath).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // Gone with the session.
        }
        finally
        {
            _gate.Release();
        }
        try
        {
            // The delete fired the watch; if it could not be sent, the watch would outlive the member (Curator's removeWatchers).
            await _client.RemoveWatchesAsync(_ourPath, _watcher, WatcherType.Data, local: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // Fired already.
        }
    }
}
