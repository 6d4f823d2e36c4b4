using ZkNet.Client.Exceptions;
using ZkNet.Recipes.Barriers;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Barriers;

public sealed class BarrierTests : RecipeTestBase
{
    [Fact]
    public async Task Waiters_are_held_while_the_barrier_is_set_and_released_when_it_is_removed()
    {
        var owner = new DistributedBarrier(await ConnectAsync(), "/gate/b");
        await owner.SetBarrierAsync().Bounded();
        var waiters = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            waiters.Add(new DistributedBarrier(await ConnectAsync(), "/gate/b").WaitOnBarrierAsync());
        }
        Assert.False(await new DistributedBarrier(await ConnectAsync(), "/gate/b").WaitOnBarrierAsync(TimeSpan.FromMilliseconds(200)).Bounded());
        Assert.DoesNotContain(waiters, w => w.IsCompleted);
        await owner.RemoveBarrierAsync().Bounded();
        await Task.WhenAll(waiters).Bounded();
    }

    [Fact]
    public async Task A_double_barrier_lets_members_in_together_and_out_together()
    {
        const int Members = 3;
        var barriers = new List<DistributedDoubleBarrier>();
        for (var i = 0; i < Members; i++)
        {
            barriers.Add(new DistributedDoubleBarrier(await ConnectAsync(), "/double", Members));
        }
        var early = barriers.Take(Members - 1).Select(b => b.EnterAsync()).ToList();
        var probe = await ConnectAsync();
        await Waits.ChildCountAsync(probe, "/double", Members - 1);
        Assert.DoesNotContain(early, e => e.IsCompleted);
        await barriers[^1].EnterAsync().Bounded();
        await Task.WhenAll(early).Bounded();
        Assert.NotNull(await probe.ExistsAsync("/double/ready").Bounded());

        var leaving = barriers.Take(Members - 1).Select(b => b.LeaveAsync()).ToList();
        Assert.DoesNotContain(leaving, l => l.IsCompleted);
        await barriers[^1].LeaveAsync().Bounded();
        await Task.WhenAll(leaving).Bounded();
        Assert.Empty(await probe.GetChildrenAsync("/double").Bounded());
    }

    [Fact]
    public async Task A_waiter_whose_connection_drops_still_sees_the_barrier_removed_meanwhile()
    {
        var owner = new DistributedBarrier(await ConnectAsync(), "/gate/flaky");
        await owner.SetBarrierAsync().Bounded();
        var waiter = await ConnectThroughProxyAsync(TimeSpan.FromSeconds(5));
        var suspended = Waits.ConnectionStateAsync(waiter.Client, Client.ConnectionState.Suspended);
        var waiting = new DistributedBarrier(waiter.Client, "/gate/flaky").WaitOnBarrierAsync();
        // Replies come in request order: once this one is back, the waiter's watch is in place.
        await waiter.Client.ExistsAsync("/").Bounded();
        Assert.False(waiting.IsCompleted);

        waiter.Proxy.Cut();
        await suspended.Bounded();
        await owner.RemoveBarrierAsync().Bounded();
        Assert.False(waiting.IsCompleted);
        // On reconnecting the client sets its watch again from the last zxid it saw, and hears of the deletion.
        waiter.Proxy.Restore();
        await waiting.Bounded();
    }

    [Fact]
    public async Task A_waiter_whose_session_expires_is_told_instead_of_waiting_forever()
    {
        var probe = await ConnectAsync();
        await new DistributedBarrier(probe, "/gate/expired").SetBarrierAsync().Bounded();
        var waiter = await ConnectThroughProxyAsync();
        var waiting = new DistributedBarrier(waiter.Client, "/gate/expired").WaitOnBarrierAsync();

        await waiter.ExpireAsync(probe);

        await Assert.ThrowsAsync<SessionExpiredException>(() => waiting.Bounded());
        Assert.NotNull(await probe.ExistsAsync("/gate/expired").Bounded());
    }

    [Fact]
    public async Task A_double_barrier_member_whose_session_expires_does_not_hold_the_others_back()
    {
        const int Members = 3;
        var probe = await ConnectAsync();
        var lostMember = await ConnectThroughProxyAsync();
        var barriers = new List<DistributedDoubleBarrier> { new(lostMember.Client, "/double-lost", Members) };
        for (var i = 1; i < Members; i++)
        {
            barriers.Add(new DistributedDoubleBarrier(await ConnectAsync(), "/double-lost", Members));
        }
        await Task.WhenAll(barriers.Select(b => b.EnterAsync())).Bounded();
        // The others leave while the lost member is still inside: they wait for it.
        var leaving = barriers.Skip(1).Select(b => b.LeaveAsync()).ToList();
        var allOut = Task.WhenAll(leaving);
        Assert.NotSame(allOut, await Task.WhenAny(allOut, Task.Delay(200)));

        await lostMember.ExpireAsync(probe);

        // Its ephemeral member node went with its session, so the others get out, and nothing is left behind.
        await Task.WhenAll(leaving).Bounded();
        try
        {
            Assert.Empty(await probe.GetChildrenAsync("/double-lost").Bounded());
        }
        catch (NoNodeException)
        {
            // Emptied, the barrier's container node may already have been removed by the server.
        }
    }
}
