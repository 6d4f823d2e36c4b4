using System.Text.RegularExpressions;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Locks;

public sealed partial class SemaphoreTests : RecipeTestBase
{
    [GeneratedRegex("^_c_[0-9a-f-]{36}-lease-[0-9]{10}$")]
    private static partial Regex CuratorLease();

    [Fact]
    public async Task Leases_live_under_leases_with_Curators_names_and_no_more_than_max_are_granted()
    {
        var zk = await ConnectAsync();
        var semaphore = new InterProcessSemaphoreV2(zk, "/sem", 2);
        await using var first = await semaphore.AcquireAsync().Bounded();
        await using var second = await new InterProcessSemaphoreV2(await ConnectAsync(), "/sem", 2).AcquireAsync().Bounded();
        Assert.Null(await new InterProcessSemaphoreV2(await ConnectAsync(), "/sem", 2).AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        var leases = await zk.GetChildrenAsync("/sem/leases").Bounded();
        Assert.Equal(2, leases.Count);
        Assert.All(leases, name => Assert.Matches(CuratorLease(), name));
        Assert.NotNull(await zk.ExistsAsync("/sem/locks").Bounded());
        Assert.True(second.FencingToken > first.FencingToken);

        var third = new InterProcessSemaphoreV2(await ConnectAsync(), "/sem", 2).AcquireAsync(TimeSpan.FromSeconds(20));
        await first.ReleaseAsync().Bounded();
        await using var granted = await third.Bounded();
        Assert.NotNull(granted);
    }

    [Fact]
    public async Task Many_clients_never_hold_more_leases_than_allowed()
    {
        const int Max = 2;
        var section = new CriticalSection(Directory.CreateTempSubdirectory("zknet-sem-").FullName);
        var violations = 0;
        var workers = new List<Task>();
        for (var c = 0; c < 5; c++)
        {
            var semaphore = new InterProcessSemaphoreV2(await ConnectAsync(), "/busy", Max);
            var label = "c" + c;
            workers.Add(Task.Run(async () =>
            {
                for (var r = 0; r < 8; r++)
                {
                    await using var lease = await semaphore.AcquireAsync().Bounded();
                    Interlocked.Add(ref violations, await section.RunAsync("semaphore", label, r, Max));
                }
            }));
        }
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(2));
        Assert.Equal(0, violations);
        Assert.Equal(40, section.Holders().Count);
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task A_lease_holder_is_told_when_its_session_is_lost_its_lease_goes_and_a_waiter_gets_it()
    {
        var holder = await ConnectThroughProxyAsync();
        var probe = await ConnectAsync();
        await using var lease = await new InterProcessSemaphoreV2(holder.Client, "/sem-lost", 1).AcquireAsync().Bounded();
        var waiting = new InterProcessSemaphoreV2(await ConnectAsync(), "/sem-lost", 1).AcquireAsync(TimeSpan.FromSeconds(20));
        // The waiter queued its own lease node behind the held one.
        await Waits.ChildCountAsync(probe, "/sem-lost/leases", 2);
        Assert.False(waiting.IsCompleted);

        await holder.ExpireAsync(probe);

        await lease.LeaseLost.WhenCancelled().Bounded();
        await using var granted = await waiting.Bounded();
        Assert.NotNull(granted);
        Assert.True(granted.FencingToken > lease.FencingToken);
        Assert.Null(await probe.ExistsAsync(lease.NodePath).Bounded());
        Assert.Equal([granted.NodePath], (await probe.GetChildrenAsync("/sem-lost/leases").Bounded()).Select(c => "/sem-lost/leases/" + c));
        // Giving back a lease whose session is gone is harmless.
        await lease.ReleaseAsync().Bounded();
    }
}
