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
        await WaitForChildCountAsync(probe, "/double", Members - 1);
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

    private static async Task WaitForChildCountAsync(Client.IZooKeeperClient client, string path, int count)
    {
        while (true)
        {
            var watcher = new Client.Watches.TaskWatcher();
            IReadOnlyList<string> children;
            try
            {
                children = await client.GetChildrenAsync(path, watcher).Bounded();
            }
            catch (Client.Exceptions.NoNodeException)
            {
                await WaitForNodeAsync(client, path);
                continue;
            }
            if (children.Count >= count)
            {
                return;
            }
            await watcher.Triggered.Bounded();
        }
    }
}
