using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Barriers;

/// <summary>
/// A barrier that holds waiters while its node exists (Curator's DistributedBarrier, same node): one process sets it,
/// any number wait on it, and removing it lets them all through.
/// </summary>
/// <param name="client">The session to use.</param>
/// <param name="barrierPath">The barrier's node.</param>
public sealed class DistributedBarrier(IZooKeeperClient client, string barrierPath)
{
    private readonly IZooKeeperClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The barrier's node.</summary>
    public string BarrierPath { get; } = ZkPaths.Validate(barrierPath, nameof(barrierPath));

    /// <summary>Sets the barrier (creates its node; already set is fine).</summary>
    public async Task SetBarrierAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.CreateWithParentsAsync(BarrierPath, null, Acl.OpenAclUnsafe, CreateMode.Persistent, CreateMode.Container,
                cancellationToken).ConfigureAwait(false);
        }
        catch (NodeExistsException)
        {
            // Already set.
        }
    }

    /// <summary>Removes the barrier, letting every waiter through (already removed is fine).</summary>
    public Task RemoveBarrierAsync(CancellationToken cancellationToken = default) =>
        _client.TryDeleteAsync(BarrierPath, cancellationToken: cancellationToken);

    /// <summary>Waits until the barrier is removed (returns at once if it is not set).</summary>
    public async Task WaitOnBarrierAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            if (await _client.ExistsAsync(BarrierPath, watcher, cancellationToken).ConfigureAwait(false) is null)
            {
                return;
            }
            await watcher.Triggered.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the barrier to be removed; returns whether it was.</summary>
    public Task<bool> WaitOnBarrierAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Waiting.CompletesWithinAsync(WaitOnBarrierAsync(cancellationToken), timeout, cancellationToken);
}
