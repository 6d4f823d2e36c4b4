using System.Text;
using ZkNet.Recipes.Atomic;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Discovery;
using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Locks;
using ZkNet.Recipes.Queue;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Differential;

/// <summary>
/// The recipes against the real Apache ZooKeeper 3.8 (Debian's package, one process per test), so that what they
/// rely on is ZooKeeper's behaviour and not only ZkNet's, including the Curator interop of the mutex.
/// </summary>
public sealed class ApacheZooKeeperRecipeTests : ApacheZooKeeperTestBase
{
    [Fact]
    public async Task Mutexes_exclude_each_other_and_a_Curator_mutex_under_contention()
    {
        var section = new CriticalSection(Directory.CreateTempSubdirectory("zknet-apache-mutex-").FullName);
        var curator = await CuratorDriver.StartContendingAsync(await ConnectAsync(), Server.ConnectString, "mutex", "/apache/mutex", 15,
            section.Directory);
        var workers = new List<Task>();
        for (var c = 0; c < 2; c++)
        {
            var mutex = new InterProcessMutex(await ConnectAsync(), "/apache/mutex");
            var label = "dotnet" + c;
            workers.Add(Task.Run(async () =>
            {
                for (var r = 0; r < 15; r++)
                {
                    await using var held = await mutex.LockAsync().Bounded();
                    await section.RunAsync("mutex", label, r);
                }
            }));
        }
        await Task.WhenAll(workers).Bounded(TimeSpan.FromMinutes(2));
        Assert.Contains("acquired=15 violations=0", await CuratorDriver.FinishedCleanAsync(curator), StringComparison.Ordinal);
        Assert.Equal(0, section.Violations);
        Assert.Equal(45, section.Holders().Count);
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task Read_write_lock_semaphore_latch_counter_queue_cache_and_discovery_behave_on_ZooKeeper()
    {
        var a = await ConnectAsync();
        var b = await ConnectAsync();

        var reader = new InterProcessReadWriteLock(a, "/apache/rw");
        await reader.ReadLock.AcquireAsync().Bounded();
        Assert.False(await new InterProcessReadWriteLock(b, "/apache/rw").WriteLock.AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        await reader.ReadLock.ReleaseAsync().Bounded();

        await using (var lease = await new InterProcessSemaphoreV2(a, "/apache/sem", 1).AcquireAsync().Bounded())
        {
            Assert.Null(await new InterProcessSemaphoreV2(b, "/apache/sem", 1).AcquireAsync(TimeSpan.FromMilliseconds(300)).Bounded());
        }

        await using (var first = new LeaderLatch(a, "/apache/latch", "a"))
        await using (var second = new LeaderLatch(b, "/apache/latch", "b"))
        {
            await first.StartAsync().Bounded();
            await second.StartAsync().Bounded();
            await first.AwaitLeadershipAsync().Bounded();
            Assert.False(second.HasLeadership);
            await first.CloseAsync().Bounded();
            await second.AwaitLeadershipAsync().Bounded();
        }

        var counters = new[] { new SharedCount(a, "/apache/count"), new SharedCount(b, "/apache/count") };
        await Task.WhenAll(counters.Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await c.AddAsync(1).Bounded();
            }
        }))).Bounded();
        Assert.Equal(40, (await counters[0].GetAsync().Bounded()).Value);

        var queue = new DistributedPriorityQueue(a, "/apache/queue");
        await queue.PutAsync("later"u8.ToArray(), 5).Bounded();
        await queue.PutAsync("first"u8.ToArray(), 1).Bounded();
        Assert.Equal("first", Encoding.UTF8.GetString(await new DistributedQueue(b, "/apache/queue").TakeAsync().Bounded()));

        await using var cache = new TreeCache(b, "/apache/services");
        await cache.StartAsync().Bounded();
        Assert.True(cache.UsesRecursiveWatch);
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = cache.AddListener(e =>
        {
            if (e.Type == CacheEventType.Created && e.Path == "/apache/services/web/one")
            {
                registered.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        await using var discovery = new ServiceDiscovery<string>(a, "/apache/services");
        await discovery.RegisterServiceAsync(new ServiceInstance<string> { Name = "web", Id = "one", Port = 80, Payload = "p" }).Bounded();
        await registered.Task.Bounded();
        Assert.Equal("p", (await new ServiceDiscovery<string>(b, "/apache/services").QueryForInstanceAsync("web", "one").Bounded())!.Payload);
    }
}
