using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Barriers;

/// <summary>
/// A double barrier (Curator's DistributedDoubleBarrier, same nodes): <see cref="EnterAsync"/> waits until
/// <see cref="MemberQuantity"/> members have entered, <see cref="LeaveAsync"/> until all have left. Each member is an
/// ephemeral node <c>{path}/&lt;uuid&gt;</c>; the member that completes the quorum creates <c>{path}/ready</c>, which wakes
/// the others. Leaving follows ZooKeeper's recipe: the lowest node waits for the highest, the others delete themselves
/// and wait for the lowest.
/// </summary>
public sealed class DistributedDoubleBarrier
{
    /// <summary>Curator's ready node name.</summary>
    public const string ReadyNode = "ready";

    private readonly IZooKeeperClient _client;
    private readonly string _ourPath;
    private readonly string _readyPath;

    /// <summary>Creates a member of the barrier at <paramref name="barrierPath"/> for <paramref name="memberQuantity"/> members.</summary>
    public DistributedDoubleBarrier(IZooKeeperClient client, string barrierPath, int memberQuantity)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(memberQuantity, 1);
        _client = client;
        BarrierPath = ZkPaths.Validate(barrierPath, nameof(barrierPath));
        MemberQuantity = memberQuantity;
        _ourPath = ZkPaths.MakePath(barrierPath, Guid.NewGuid().ToString("D"));
        _readyPath = ZkPaths.MakePath(barrierPath, ReadyNode);
    }

    /// <summary>The barrier's path.</summary>
    public string BarrierPath { get; }

    /// <summary>How many members the barrier waits for.</summary>
    public int MemberQuantity { get; }

    /// <summary>Enters and waits until <see cref="MemberQuantity"/> members have entered.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken = default)
    {
        var readyWatcher = new TaskWatcher();
        var ready = await _client.ExistsAsync(_readyPath, readyWatcher, cancellationToken).ConfigureAwait(false) is not null;
        await _client.CreateWithParentsAsync(_ourPath, null, Acl.OpenAclUnsafe, CreateMode.Ephemeral, CreateMode.Container,
            cancellationToken).ConfigureAwait(false);
        if (ready)
        {
            return;
        }
        var members = await MembersAsync(cancellationToken).ConfigureAwait(false);
        if (members.Count >= MemberQuantity)
        {
            try
            {
                await _client.CreateAsync(_readyPath, null, Acl.OpenAclUnsafe, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (NodeExistsException)
            {
                // Another member completed the quorum at the same moment.
            }
            return;
        }
        await readyWatcher.Triggered.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Leaves and waits until every member has left.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        var ourName = ZkPaths.GetNodeFromPath(_ourPath);
        var ourNodeShouldExist = true;
        while (true)
        {
            var members = await MembersAsync(cancellationToken).ConfigureAwait(false);
            if (members.Count == 0)
            {
                break;
            }
            var ourIndex = members.IndexOf(ourName);
            if (ourIndex < 0 && ourNodeShouldExist)
            {
                throw new InvalidOperationException("our barrier node is missing: " + _ourPath);
            }
            if (members.Count == 1)
            {
                if (ourNodeShouldExist)
                {
                    await _client.TryDeleteAsync(_ourPath, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                break;
            }
            var watcher = new TaskWatcher();
            Stat? watched;
            if (ourIndex == 0)
            {
                watched = await _client.ExistsAsync(ZkPaths.MakePath(BarrierPath, members[^1]), watcher, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                watched = await _client.ExistsAsync(ZkPaths.MakePath(BarrierPath, members[0]), watcher, cancellationToken).ConfigureAwait(false);
                if (ourNodeShouldExist)
                {
                    await _client.TryDeleteAsync(_ourPath, cancellationToken: cancellationToken).ConfigureAwait(false);
                    ourNodeShouldExist = false;
                }
            }
            if (watched is not null)
            {
                await watcher.Triggered.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        await _client.TryDeleteAsync(_readyPath, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<string>> MembersAsync(CancellationToken cancellationToken)
    {
        try
        {
            var children = await _client.GetChildrenAsync(BarrierPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            var members = children.Where(c => c != ReadyNode).ToList();
            members.Sort(StringComparer.Ordinal);
            return members;
        }
        catch (NoNodeException)
        {
            return [];
        }
    }
}
