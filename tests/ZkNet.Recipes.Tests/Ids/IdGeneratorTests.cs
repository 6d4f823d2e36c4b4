using ZkNet.Recipes.Ids;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Ids;

public sealed class IdGeneratorTests : RecipeTestBase
{
    [Fact]
    public async Task Sequential_ids_are_unique_across_clients_and_increase_within_each()
    {
        var perClient = new List<List<long>>();
        var workers = new List<Task>();
        for (var c = 0; c < 3; c++)
        {
            var generator = new SequentialIdGenerator(await ConnectAsync(), "/ids/sequential");
            var mine = new List<long>();
            perClient.Add(mine);
            workers.Add(Task.Run(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    mine.Add(await generator.NextAsync().Bounded());
                    mine.AddRange(await generator.NextBatchAsync(10).Bounded());
                }
            }));
        }
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(1));
        var all = perClient.SelectMany(ids => ids).ToList();
        Assert.Equal(3 * 5 * 11, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(perClient, ids => Assert.Equal(ids.Order(), ids));
    }

    [Fact]
    public async Task Counter_ids_are_unique_across_generators_and_increase_within_each()
    {
        var generators = new List<CounterIdGenerator>();
        for (var c = 0; c < 3; c++)
        {
            generators.Add(new CounterIdGenerator(await ConnectAsync(), "/ids/counter", blockSize: 7));
        }
        var perGenerator = await Task.WhenAll(generators.Select(generator => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = 0; i < 40; i++)
            {
                mine.Add(await generator.NextAsync().Bounded());
            }
            return mine;
        }))).Bounded(TimeSpan.FromMinutes(1));
        generators.ForEach(g => g.Dispose());
        var all = perGenerator.SelectMany(ids => ids).ToList();
        Assert.Equal(120, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(perGenerator, ids => Assert.Equal(ids.Order(), ids));
        Assert.True(all.Min() >= 1);
    }
}
