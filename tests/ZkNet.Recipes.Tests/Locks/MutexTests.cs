using System.Text.RegularExpressions;
using ZkNet.Client;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Locks;

public sealed partial class MutexTests : RecipeTestBase
{
    [GeneratedRegex("^_c_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-lock-[0-9]{10}$")]
    private static partial Regex CuratorLockNode();

    [Fact]
    public async Task The_lock_node_has_Curators_protected_sequential_name_under_the_lock_path()
    {
        var zk = await ConnectAsync();
        var mutex = new InterProcessMutex(zk, "/app/locks/one");
        await mutex.AcquireAsync().Bounded();
        var children = await zk.GetChildrenAsync("/app/locks/one").Bounded();
        var node = Assert.Single(children);
        Assert.Matches(CuratorLockNode(), node);
        Assert.Equal("/app/locks/one/" + node, mutex.LockPath);
        Assert.Equal((await zk.ExistsAsync(mutex.LockPath!).Bounded())!.Value.Czxid, mutex.FencingToken);
        Assert.Equal(zk.SessionId, (await zk.ExistsAsync(mutex.LockPath!).Bounded())!.Value.EphemeralOwner);
        await mutex.ReleaseAsync().Bounded();
        Assert.Empty(await zk.GetChildrenAsync("/app/locks/one").Bounded());
    }

    [Fact]
    public async Task Many_clients_never_hold_the_mutex_together_and_fencing_tokens_only_grow()
    {
        const int Clients = 5, Rounds = 15;
        var inside = 0;
        var maxInside = 0;
        var tokens = new List<long>();
        var workers = new List<Task>();
        for (var c = 0; c < Clients; c++)
        {
            var mutex = new InterProcessMutex(await ConnectAsync(), "/contended");
            workers.Add(Task.Run(async () =>
            {
                for (var r = 0; r < Rounds; r++)
                {
                    await using var handle = await mutex.LockAsync().Bounded();
                    var now = Interlocked.Increment(ref inside);
                    InterlockedMax(ref maxInside, now);
                    lock (tokens)
                    {
                        tokens.Add(handle.FencingToken);
                    }
                    await Task.Yield();
                    Interlocked.Decrement(ref inside);
                }
            }));
        }
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(2));
        Assert.Equal(1, maxInside);
        Assert.Equal(Clients * Rounds, tokens.Count);
        Assert.Equal(tokens.Order(), tokens);
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Fact]
    public async Task Two_tasks_of_one_process_sharing_one_mutex_instance_exclude_each_other()
    {
        var mutex = new InterProcessMutex(await ConnectAsync(), "/shared-instance");
        var inside = 0;
        var maxInside = 0;
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var r = 0; r < 10; r++)
            {
                await mutex.AcquireAsync().Bounded();
                InterlockedMax(ref maxInside, Interlocked.Increment(ref inside));
                await Task.Yield();
                Interlocked.Decrement(ref inside);
                await mutex.ReleaseAsync().Bounded();
            }
        }))).Bounded(TimeSpan.FromMinutes(1));
        Assert.Equal(1, maxInside);
    }

    [Fact]
    public async Task The_mutex_is_reentrant_in_one_flow_and_released_only_by_the_last_release()
    {
        var mine = new InterProcessMutex(await ConnectAsync(), "/reentrant");
        var theirs = new InterProcessMutex(await ConnectAsync(), "/reentrant");
        await mine.AcquireAsync().Bounded();
        await mine.AcquireAsync().Bounded();
        Assert.True(mine.IsOwnedByCurrentFlow);
        Assert.Single(await mine.GetParticipantNodesAsync().Bounded());
        await mine.ReleaseAsync().Bounded();
        Assert.False(await theirs.AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        await mine.ReleaseAsync().Bounded();
        Assert.False(mine.IsAcquiredInThisProcess);
        Assert.True(await theirs.AcquireAsync(TimeSpan.FromSeconds(10)).Bounded());
        await Assert.ThrowsAsync<InvalidOperationException>(() => mine.ReleaseAsync());
    }

    [Fact]
    public async Task A_timed_out_or_cancelled_waiter_leaves_no_node_behind()
    {
        var holder = new InterProcessMutex(await ConnectAsync(), "/timeouts");
        var waiterClient = await ConnectAsync();
        var waiter = new InterProcessMutex(waiterClient, "/timeouts");
        await holder.AcquireAsync().Bounded();
        Assert.False(await waiter.AcquireAsync(TimeSpan.FromMilliseconds(200)).Bounded());
        Assert.Single(await waiterClient.GetChildrenAsync("/timeouts").Bounded());

        using var cancel = new CancellationTokenSource();
        var waiting = waiter.AcquireAsync(cancel.Token);
        await Waits.ChildCountAsync(waiterClient, "/timeouts", 2);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.Bounded());
        Assert.Single(await waiterClient.GetChildrenAsync("/timeouts").Bounded());
    }

    [Fact]
    public async Task The_holder_is_told_when_its_session_is_lost_and_a_waiter_then_gets_the_lock()
    {
        var holderClient = await ConnectAsync(TimeSpan.FromSeconds(1));
        var holder = new InterProcessMutex(holderClient, "/lost");
        await holder.AcquireAsync().Bounded();
        var lost = holder.LockLost;
        Assert.False(lost.IsCancellationRequested);

        // The server goes away: the holder hears Suspended, then, a session timeout later, Lost.
        await Server.StopAsync().Bounded();
        await lost.WhenCancelled().Bounded();
        await Server.RestartAsync().Bounded();

        // The holder's session may resume on reconnecting (the server had not expired it): its lock, already
        // reported lost, is deleted then; or the server expires the session. Either way the waiter proceeds.
        var waiter = new InterProcessMutex(await ConnectAsync(), "/lost");
        Assert.True(await waiter.AcquireAsync(TimeSpan.FromSeconds(20)).Bounded());
        Assert.True(waiter.FencingToken > holder.FencingToken);
    }

    [Fact]
    public async Task Deleting_the_lock_node_behind_the_holders_back_is_reported_as_lost()
    {
        var zk = await ConnectAsync();
        var holder = new InterProcessMutex(zk, "/deleted");
        await using var handle = await holder.LockAsync().Bounded();
        var other = await ConnectAsync();
        await other.DeleteAsync(handle.NodePath).Bounded();
        await handle.LockLost.WhenCancelled().Bounded();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
