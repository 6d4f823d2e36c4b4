using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Recipes.Atomic;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Atomic;

/// <summary>
/// Counters while one client's connection is cut, or its session expires, in the middle of a run of increments by
/// several clients.
/// </summary>
/// <remarks>
/// An increment whose reply is lost with the connection is reported as <see cref="ConnectionLossException"/>: it may or
/// may not have been applied, and the recipe does not retry it. That is what Curator's DistributedAtomicValue does when
/// the framework's retry policy gives up (tryOnce catches only NodeExists, BadVersion and NoNode; ConnectionLoss
/// propagates). When Curator's framework retry does resend the versioned setData, an attempt that had been applied
/// comes back BadVersion and tryOptimistic applies the change a second time while reporting one success; ZkNet does not
/// resend, so an increment is applied at most once, and exactly once when it is acknowledged. The tests tell the
/// increments apart by giving the flaky client a delta of <see cref="FlakyDelta"/> and the others 1: the others'
/// increments must be counted exactly, the flaky client's between those acknowledged and those acknowledged plus those
/// left in doubt.
/// </remarks>
public sealed class CounterFaultTests : RecipeTestBase
{
    private const long FlakyDelta = 100_000;
    private const int DirectClients = 2;
    // Direct increments stay below FlakyDelta, so the final value splits into the two kinds.
    private const int DirectCap = (int)(FlakyDelta - 1) / DirectClients;

    [Fact]
    public Task Atomic_long_increments_are_not_lost_or_doubled_when_a_connection_is_cut_mid_run() =>
        RunAsync(AtomicLong, ReadAtomicLongAsync, expire: false);

    [Fact]
    public Task Atomic_long_increments_are_not_lost_or_doubled_when_a_session_expires_mid_run() =>
        RunAsync(AtomicLong, ReadAtomicLongAsync, expire: true);

    [Fact]
    public Task Shared_count_increments_are_not_lost_or_doubled_when_a_connection_is_cut_mid_run() =>
        RunAsync(SharedCounter, ReadSharedCountAsync, expire: false);

    [Fact]
    public Task Shared_count_increments_are_not_lost_or_doubled_when_a_session_expires_mid_run() =>
        RunAsync(SharedCounter, ReadSharedCountAsync, expire: true);

    /// <summary>An adder on one client: adds a delta and says whether the recipe reported it applied.</summary>
    private delegate Func<long, Task<bool>> AdderFactory(IZooKeeperClient client);

    private static Func<long, Task<bool>> AtomicLong(IZooKeeperClient client)
    {
        var value = new DistributedAtomicLong(client, "/counters/faulty-long", promotionLockPath: "/counters/faulty-long-lock");
        return async delta =>
        {
            var result = await value.AddAsync(delta).Bounded();
            if (result.Succeeded)
            {
                Assert.Equal(result.PreValue + delta, result.PostValue);
            }
            return result.Succeeded;
        };
    }

    private static Func<long, Task<bool>> SharedCounter(IZooKeeperClient client)
    {
        var count = new SharedCount(client, "/counters/faulty-shared");
        return async delta =>
        {
            await count.AddAsync((int)delta).Bounded();
            return true;
        };
    }

    private async Task RunAsync(AdderFactory adder, Func<IZooKeeperClient, Task<long>> read, bool expire)
    {
        var probe = await ConnectAsync();
        var flaky = await ConnectThroughProxyAsync(expire ? null : TimeSpan.FromSeconds(5));
        using var stop = new CancellationTokenSource();
        var flakyTally = new Tally();
        var directTallies = Enumerable.Range(0, DirectClients).Select(_ => new Tally()).ToList();
        var directProgress = new Progress();
        var workers = new List<Task>
        {
            Task.Run(() => WorkAsync(adder(flaky.Client), FlakyDelta, flakyTally, flakyTally.Progress, int.MaxValue, stop.Token)),
        };
        foreach (var tally in directTallies)
        {
            var add = adder(await ConnectAsync());
            workers.Add(Task.Run(() => WorkAsync(add, 1, tally, directProgress, DirectCap, stop.Token)));
        }

        await flakyTally.Progress.ReachedAsync(5).Bounded();
        await directProgress.ReachedAsync(5).Bounded();
        if (expire)
        {
            await flaky.ExpireAsync(probe);
            // The others go on while the expired client's worker is told and stops.
            var more = directProgress.MoreAsync(20);
            await Task.WhenAny(more, Task.Delay(Waits.Timeout));
            Assert.True(more.IsCompleted, $"direct clients stalled at {directProgress.Count} ({string.Join(", ", directTallies.Select(t => $"{t.Progress.Count}/{t.InDoubt}/{t.StoppedBy?.GetType().Name}"))}), workers {string.Join(", ", workers.Select(w => w.Status))}");
            await workers[0].Bounded();
            Assert.IsType<SessionExpiredException>(flakyTally.StoppedBy);
        }
        else
        {
            var suspended = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Suspended);
            var reconnected = Waits.ConnectionStateAsync(flaky.Client, ConnectionState.Reconnected);
            flaky.Proxy.Cut();
            await suspended.Bounded();
            var acknowledgedBeforeRestore = flakyTally.Progress.Count;
            await directProgress.MoreAsync(20).Bounded();
            flaky.Proxy.Restore();
            await reconnected.Bounded();
            // The cut client proceeds once it is back.
            await flakyTally.Progress.ReachedAsync(acknowledgedBeforeRestore + 5).Bounded();
            Assert.Null(flakyTally.StoppedBy);
        }
        await stop.CancelAsync();
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(1));

        var value = await read(probe).Bounded();
        var directAcknowledged = directTallies.Sum(t => t.Progress.Count);
        Assert.All(directTallies, t => Assert.Equal(0, t.InDoubt));
        Assert.All(directTallies, t => Assert.Null(t.StoppedBy));
        Assert.Equal(directAcknowledged, value % FlakyDelta);
        var flakyApplied = value / FlakyDelta;
        Assert.InRange(flakyApplied, flakyTally.Progress.Count, flakyTally.Progress.Count + flakyTally.InDoubt);
    }

    private static Task<long> ReadAtomicLongAsync(IZooKeeperClient client) => new DistributedAtomicLong(client, "/counters/faulty-long").GetAsync();

    private static async Task<long> ReadSharedCountAsync(IZooKeeperClient client) =>
        (await new SharedCount(client, "/counters/faulty-shared").GetAsync()).Value;

    private static async Task WorkAsync(Func<long, Task<bool>> add, long delta, Tally tally, Progress progress, int cap, CancellationToken stop)
    {
        for (var done = 0; done < cap && !stop.IsCancellationRequested; done++)
        {
            try
            {
                if (await add(delta))
                {
                    tally.Progress.Add();
                    if (progress != tally.Progress)
                    {
                        progress.Add();
                    }
                }
            }
            catch (ConnectionLossException)
            {
                // Lost with the connection: applied or not, nobody can say.
                tally.InDoubt++;
            }
            catch (SessionExpiredException e)
            {
                // A request in flight as the session ended is as uncertain as a lost reply.
                tally.InDoubt++;
                tally.StoppedBy = e;
                return;
            }
        }
    }

    private sealed class Tally
    {
        public Progress Progress { get; } = new();

        public int InDoubt { get; set; }

        public Exception? StoppedBy { get; set; }
    }
}
