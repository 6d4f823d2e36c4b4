using System.Text;
using ZkNet.Client;
using ZkNet.Protocol.Records;
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
    public async Task The_priority_queue_hands_out_lower_numbers_first_a_multi_node_together_and_names_nodes_as_Curator()
    {
        var zk = await ConnectAsync();
        var queue = new DistributedPriorityQueue(zk, "/queues/priority");
        await queue.PutAsync("low"u8.ToArray(), 10).Bounded();
        await queue.PutAsync("urgent"u8.ToArray(), -5).Bounded();
        await queue.PutAsync("normal"u8.ToArray(), 0).Bounded();
        await queue.PutAsync("normal-later"u8.ToArray(), 0).Bounded();
        await queue.PutMultiAsync(["pair-1"u8.ToArray(), "pair-2"u8.ToArray()], -1).Bounded();
        Assert.Contains("queue-10000000A0000000000", await zk.GetChildrenAsync("/queues/priority").Bounded());
        Assert.Equal("0FFFFFFFB", DistributedPriorityQueue.PriorityPrefix(-5));
        var order = new List<string>();
        while (await queue.TryTakeAsync().Bounded() is { } item)
        {
            order.Add(Encoding.UTF8.GetString(item));
        }
        Assert.Equal(["urgent", "pair-1", "pair-2", "normal", "normal-later", "low"], order);
    }

    [Fact]
    public async Task A_taker_whose_connection_drops_gets_the_item_put_meanwhile_and_nothing_is_taken_twice()
    {
        var producerClient = await ConnectAsync();
        await producerClient.CreateWithParentsAsync("/queues/flaky", null, Acl.OpenAclUnsafe).Bounded();
        var producer = new DistributedQueue(producerClient, "/queues/flaky");
        var taker = await ConnectThroughProxyAsync(TimeSpan.FromSeconds(5));
        var suspended = Waits.ConnectionStateAsync(taker.Client, Client.ConnectionState.Suspended);
        var queue = new DistributedQueue(taker.Client, "/queues/flaky");
        var waiting = queue.TakeAsync();
        // Replies come in request order: once this one is back, the taker's child watch is in place.
        await taker.Client.ExistsAsync("/").Bounded();

        taker.Proxy.Cut();
        await suspended.Bounded();
        await producer.PutAsync("while-away"u8.ToArray()).Bounded();
        await producer.PutAsync("second"u8.ToArray()).Bounded();
        Assert.False(waiting.IsCompleted);
        taker.Proxy.Restore();

        Assert.Equal("while-away", Encoding.UTF8.GetString(await waiting.Bounded()));
        Assert.Equal("second", Encoding.UTF8.GetString((await queue.TakeAsync().Bounded())));
        Assert.Null(await producer.TryTakeAsync().Bounded());
    }

    [Fact]
    public async Task A_waiting_taker_whose_session_expires_is_told_and_the_items_go_to_another_taker()
    {
        var probe = await ConnectAsync();
        // A persistent queue node (not the container a put makes, which the server removes when empty), so that the
        // wait is one child watch, in place before ExpireAsync's own requests (a request still in flight when the link is
        // cut would fail with ConnectionLoss instead).
        await probe.CreateWithParentsAsync("/queues/expired", null, Acl.OpenAclUnsafe).Bounded();
        var lostTaker = await ConnectThroughProxyAsync();
        var lostQueue = new DistributedQueue(lostTaker.Client, "/queues/expired");
        var waiting = lostQueue.TakeAsync();

        await lostTaker.ExpireAsync(probe);

        await Assert.ThrowsAsync<Client.Exceptions.SessionExpiredException>(() => waiting.Bounded());
        var producer = new DistributedQueue(probe, "/queues/expired");
        await producer.PutAsync("kept"u8.ToArray()).Bounded();
        var other = new DistributedQueue(await ConnectAsync(), "/queues/expired");
        Assert.Equal("kept", Encoding.UTF8.GetString(await other.TakeAsync().Bounded()));
    }
}
