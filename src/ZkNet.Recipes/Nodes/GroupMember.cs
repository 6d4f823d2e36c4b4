using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Nodes;

/// <summary>
/// Group membership (Curator's GroupMember, same nodes): each member keeps an ephemeral node
/// <c>{path}/{id}</c> holding its payload; the members are the children. A member whose session ends leaves the group
/// by itself. After a reconnect the node is put back if it went missing (Curator's PersistentNode does the same).
/// </summary>
public sealed class GroupMember : IAsyncDisposable
{
    private readonly IZooKeeperClient _client;
    private readonly string _ourPath;
    private byte[] _payload;
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
        _payload = payload ?? [];
    }

    /// <summary>The group's path.</summary>
    public string MembershipPath { get; }

    /// <summary>This member's id.</summary>
    public string Id { get; }

    /// <summary>Joins the group.</summary>
    /// <exception cref="NodeExistsException">Another live member has this id.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the member was already started");
        }
        _connectionListener = _client.AddConnectionStateListener(async state =>
        {
            if (state == ConnectionState.Reconnected && Volatile.Read(ref _state) == 1)
            {
                try
                {
                    await EnsureNodeAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (KeeperException)
                {
                    // Dropped again: the next Reconnected tries once more.
                }
            }
        });
        await _client.CreateWithParentsAsync(_ourPath, _payload, Acl.OpenAclUnsafe, CreateMode.Ephemeral, CreateMode.Container,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces this member's payload.</summary>
    public async Task SetPayloadAsync(byte[]? payload, CancellationToken cancellationToken = default)
    {
        _payload = payload ?? [];
        await _client.SetDataAsync(_ourPath, _payload, cancellationToken: cancellationToken).ConfigureAwait(false);
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

    /// <summary>Leaves the group (deletes this member's node).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }
        _connectionListener?.Dispose();
        try
        {
            await _client.TryDeleteAsync(_ourPath).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // Gone with the session.
        }
    }

    private async Task EnsureNodeAsync(CancellationToken cancellationToken)
    {
        if (await _client.ExistsAsync(_ourPath, cancellationToken: cancellationToken).ConfigureAwait(false) is null)
        {
            try
            {
                await _client.CreateWithParentsAsync(_ourPath, _payload, Acl.OpenAclUnsafe, CreateMode.Ephemeral, CreateMode.Container,
                    cancellationToken).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Put back meanwhile.
            }
        }
    }
}
