using System.Buffers.Binary;
using ZkNet.Recipes.Atomic;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Atomic;

public sealed class CounterTests : RecipeTestBase
{
    [Fact]
    public async Task Concurrent_increments_of_a_shared_count_are_never_lost()
    {
        const int Clients = 4, Increments = 25;
        var counters = new List<SharedCount>();
        for (var c = 0; c < Clients; c++)
        {
            counters.Add(new SharedCount(await ConnectAsync(), "/counters/shared"));
        }
        await Task.WhenAll(counters.Select(counter => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                await counter.AddAsync(1).Bounded();
            }
        }))).Bounded(TimeSpan.FromMinutes(1));
        var final = await counters[0].GetAsync().Bounded();
        Assert.Equal(Clients * Increments, final.Value);
        // Curator's encoding: 4 big-endian bytes.
        var raw = await (await ConnectAsync()).GetDataAsync("/counters/shared").Bounded();
        Assert.Equal(Clients * Increments, BinaryPrimitives.ReadInt32BigEndian(raw.Data));
    }

    [Fact]
    public async Task A_stale_versioned_set_is_refused()
    {
        var a = new SharedCount(await ConnectAsync(), "/counters/versioned", seed: 10);
        var b = new SharedCount(await ConnectAsync(), "/counters/versioned", seed: 10);
        var seen = await a.GetAsync().Bounded();
        Assert.Equal(10, seen.Value);
        Assert.True(await b.TrySetAsync(await b.GetAsync().Bounded(), 11).Bounded());
        Assert.False(await a.TrySetAsync(seen, 12).Bounded());
        Assert.Equal(11, (await a.GetAsync().Bounded()).Value);
    }

    [Fact]
    public async Task An_atomic_long_counts_under_contention_and_compares_before_setting()
    {
        const int Clients = 4, Increments = 25;
        var values = new List<DistributedAtomicLong>();
        for (var c = 0; c < Clients; c++)
        {
            values.Add(new DistributedAtomicLong(await ConnectAsync(), "/counters/long", promotionLockPath: "/counters/long-lock"));
        }
        var results = await Task.WhenAll(values.Select(value => Task.Run(async () =>
        {
            var outcomes = new List<AtomicValue<long>>();
            for (var i = 0; i < Increments; i++)
            {
                outcomes.Add(await value.IncrementAsync().Bounded());
            }
            return outcomes;
        }))).Bounded(TimeSpan.FromMinutes(1));
        Assert.All(results.SelectMany(r => r), r => Assert.True(r.Succeeded));
        Assert.Equal(Clients * Increments, await values[0].GetAsync().Bounded());
        // Every increment saw a different previous value: none was applied twice or lost.
        Assert.Equal(Clients * Increments, results.SelectMany(r => r).Select(r => r.PreValue).Distinct().Count());

        var failed = await values[0].CompareAndSetAsync(7, 1000).Bounded();
        Assert.False(failed.Succeeded);
        var swapped = await values[0].CompareAndSetAsync(Clients * Increments, 1000).Bounded();
        Assert.True(swapped.Succeeded);
        Assert.Equal(1000, await values[1].GetAsync().Bounded());
    }
}
