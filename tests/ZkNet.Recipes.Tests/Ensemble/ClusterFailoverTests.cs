using ZkNet.Client;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Tests.Infrastructure;
using ZkNet.Testing;

namespace ZkNet.Recipes.Tests.Ensemble;

/// <summary>
/// A recipe on a real ensemble (ZkNet.Testing's TestingCluster): losing the leader costs a connection, not the session,
/// so a lock held through the failover stays held (and is not reported lost), and a waiter on another member still waits.
/// </summary>
public sealed class ClusterFailoverTests : IAsyncLifetime
{
    private TestingCluster _cluster = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => _cluster = await TestingCluster.StartAsync().Bounded(TimeSpan.FromSeconds(60));

    /// <inheritdoc />
    public async Task DisposeAsync() => await _cluster.DisposeAsync().AsTask().Bounded();

    [Fact]
    public async Task A_mutex_held_through_a_leader_failover_stays_held_and_the_waiter_gets_it_after_release()
    {
        var leader = _cluster.LeaderId!.Value;
        var other = _cluster.Members.First(m => m.Id != leader);
        // The holder is on the leader (hosts are tried in order), the waiter on another member.
        await using var holderClient = await _cluster.ConnectAsync(o => o with
        {
            ConnectString = string.Join(",", _cluster.Members.OrderBy(m => m.Id != leader).Select(m => m.ConnectString)),
            ShuffleHosts = false,
        }).Bounded();
        await using var waiterClient = await _cluster.ConnectAsync(o => o with { ConnectString = other.ConnectString }).Bounded();
        var holder = new InterProcessMutex(holderClient, "/failover/lock");
        await using var held = await holder.LockAsync().Bounded();
        var waiting = new InterProcessMutex(waiterClient, "/failover/lock").AcquireAsync(TimeSpan.FromSeconds(30));
        await Waits.ChildCountAsync(waiterClient, "/failover/lock", 2);
        var reconnected = Waits.ConnectionStateAsync(holderClient, ConnectionState.Reconnected);

        await _cluster.KillAsync(leader).Bounded();
        await _cluster.WaitForQuorumAsync().Bounded(TimeSpan.FromSeconds(60));
        await reconnected.Bounded();

        Assert.False(held.LockLost.IsCancellationRequested);
        Assert.NotNull(await holderClient.ExistsAsync(held.NodePath).Bounded());
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        Assert.True(await waiting.Bounded());
    }
}
