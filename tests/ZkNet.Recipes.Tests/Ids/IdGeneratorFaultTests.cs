using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Recipes.Ids;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Ids;

/// <summary>
/// ID generators while one client's connection is cut, or its session expires, in the middle of allocation: an
/// allocation whose reply is lost fails with ConnectionLoss (its IDs, if drawn, are skipped, never handed out), and
/// every ID that is handed out is unique and increases per generator.
/// </summary>
public sealed class IdGeneratorFaultTests : RecipeTestBase
{
    [Fact]
    public Task Counter_ids_stay_unique_and_increasing_when_a_connection_is_cut_mid_allocation() =>
        RunAsync(client => CounterIds(client), expire: false);

    [Fact]
    public Task Counter_ids_stay_unique_and_increasing_when_a_session_expires_mid_allocation() =>
        RunAsync(client => CounterIds(client), expire: true);

    [Fact]
    public Task Sequential_ids_stay_unique_and_increasing_when_a_connection_is_cut_mid_allocation() =>
        RunAsync(SequentialIds, expire: false);

    [Fact]
    public Task Sequential_ids_stay_unique_and_increasing_when_a_session_expires_mid_allocation() =>
        RunAsync(SequentialIds, expire: true);

    // A small block, so that the run reserves often and a cut is likely to fall on a reservation.
    private static Func<Task<IReadOnlyList<long>>> CounterIds(IZooKeeperClient client)
    {
        var generator = new CounterIdGenerator(client, "/ids/faulty-counter", blockSize: 3);
        return async () => [await generator.NextAsync()];
    }

    private static Func<Task<IReadOnlyList<long>>> SequentialIds(IZooKeeperClient client)
    {
        var generator = new SequentialIdGenerator(client, "/ids/faulty-sequential");
        var batch = false;
        return async () => (batch = !batch) ? await generator.NextBatchAsync(4) : [await generator.NextAsync()];
    }

    private async Task RunAsync(Func<IZooKeeperClient, Func<Task<IReadOnlyList<long>>>> generator, bool expire)
    {
        var probe = await ConnectAsync();
        var flaky = await ConnectThroughProxyAsync(expire ? null : TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource();
        var flakyIds = new Drawn();
        var direct = new[] { new Drawn(), new Drawn() };
        var directProgress = new Progress();
        var workers = new List<Task> { Task.Run(() => DrawAsync(generator(flaky.Client), flakyIds, flakyIds.Progress, stop.Token)) };
        foreach (var drawn in direct)
        {
            var next = generator(await ConnectAsync());
            workers.Add(Task.Run(() => DrawAsync(next, drawn, directProgress, stop.Token)));
        }

        await flakyIds.Progress.ReachedAsync(5).Bounded();
        if (expire)
        {
            await flaky.ExpireAsync(probe);
            await directProgress.MoreAsync(20).Bounded();
            await workers[0].Bounded();
            Assert.IsType<SessionExpiredException>(flakyIds.StoppedBy);
        }
        else
        {
            var suspended = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Suspended);
            var reconnected = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Reconnected);
            flaky.Proxy.Cut();
            await suspended.Bounded();
            var beforeRestore = flakyIds.Progress.Count;
            await directProgress.MoreAsync(20).Bounded();
            flaky.Proxy.Restore();
            await reconnected.Bounded();
            // The cut generator goes on handing out IDs once it is back.
            await flakyIds.Progress.ReachedAsync(beforeRestore + 5).Bounded();
            Assert.Null(flakyIds.StoppedBy);
        }
        await stop.CancelAsync();
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(1));

        var perGenerator = direct.Append(flakyIds).Select(d => d.Ids).ToList();
        Assert.All(direct, d => Assert.Null(d.StoppedBy));
        var all = perGenerator.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(perGenerator, ids => Assert.Equal(ids.Order(), ids));
        Assert.All(perGenerator, ids => Assert.Equal(ids.Count, ids.Distinct().Count()));
    }

    private static async Task DrawAsync(Func<Task<IReadOnlyList<long>>> next, Drawn drawn, Progress progress, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var ids = await next().Bounded();
                drawn.Ids.AddRange(ids);
                drawn.Progress.Add();
                if (progress != drawn.Progress)
                {
                    progress.Add();
                }
            }
            catch (ConnectionLossException)
            {
                // This allocation's IDs, if the server drew them, are never handed out.
            }
            catch (SessionExpiredException e)
            {
                drawn.StoppedBy = e;
                return;
            }
        }
    }

    private sealed class Drawn
    {
        public List<long> Ids { get; } = [];

        public Progress Progress { get; } = new();

        public Exception? StoppedBy { get; set; }
    }
}
