using System.Text;
using ZkNet.Recipes.Queue;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Queue;

public sealed class QueueTests : RecipeTestBase
{
    [Fact]
    public async Task Items_come_out_in_order_each_to_exactly_one_taker_in_Curators_format()
    {
        var producer = new DistributedQueue(await ConnectAsync(), "/queues/work");
        for (var i = 0; i < 30; i++)
        {
            await producer.PutAsync(Encoding.UTF8.GetBytes("item-" + i)).Bounded();
        }
        await producer.PutMultiAsync([[1], [2]]).Bounded();
        var raw = await (await ConnectAsync()).GetDataAsync("/queues/work/queue-0000000000").Bounded();
        Assert.Equal([0, 1, 0, 1, 1, 0, 0, 0, 6, .. "item-0"u8.ToArray(), 2], raw.Data);

        var takers = new List<DistributedQueue>();
        for (var c = 0; c < 3; c++)
        {
            takers.Add(new DistributedQueue(await ConnectAsync(), "/queues/work"));
        }
        var taken = await Task.WhenAll(takers.Select(taker => Task.Run(async () =>
        {
            var mine = new List<string>();
            while (await taker.TryTakeAsync().Bounded() is { } item)
            {
                mine.Add(item.Length == 1 ? "b" + item[0] : Encoding.UTF8.GetString(item));
            }
            return mine;
        }))).Bounded(TimeSpan.FromMinutes(1));
        var all = taken.SelectMany(t => t).ToList();
        Assert.Equal(32, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(taken, mine =>
        {
            var numbers = mine.Where(m => m.StartsWith("item-", StringComparison.Ordinal)).Select(m => int.Parse(m[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(numbers.Order(), numbers);
        });
    }

    [Fact]
    public async Task A_waiting_taker_gets_the_next_item_put()
    {
        var taker = new DistributedQueue(await ConnectAsync(), "/queues/wait");
        var waiting = taker.TakeAsync();
        Assert.False(waiting.IsCompleted);
        await new DistributedQueue(await ConnectAsync(), "/queues/wait").PutAsync("hello"u8.ToArray()).Bounded();
        Assert.Equal("hello", Encoding.UTF8.GetString(await waiting.Bounded()));
    }

    [Fact]
    public async Task The_priority_queue_hands_out_lower_numbers_first_and_names_nodes_as_Curator()
    {
        var zk = await ConnectAsync();
        var queue = new DistributedPriorityQueue(zk, "/queues/priority");
        await queue.PutAsync("low"u8.ToArray(), 10).Bounded();
        await queue.PutAsync("urgent"u8.ToArray(), -5).Bounded();
        await queue.PutAsync("normal"u8.ToArray(), 0).Bounded();
        await queue.PutAsync("normal-later"u8.ToArray(), 0).Bounded();
        Assert.Contains("queue-10000000A0000000000", await zk.GetChildrenAsync("/queues/priority").Bounded());
        Assert.Equal("0FFFFFFFB", DistributedPriorityQueue.PriorityPrefix(-5));
        var order = new List<string>();
        while (await queue.TryTakeAsync().Bounded() is { } item)
        {
            order.Add(Encoding.UTF8.GetString(item));
        }
        Assert.Equal(["urgent", "normal", "normal-later", "low"], order);
    }
}
