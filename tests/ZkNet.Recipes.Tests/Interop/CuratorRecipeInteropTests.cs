using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Atomic;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Leader;
using ZkNet.Recipes.Queue;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Interop;

/// <summary>
/// Curator's LeaderSelector, SharedCount, DistributedAtomicLong, DistributedQueue and CuratorCache (Curator 5, Debian's
/// jars, in a Java process: Java/MoreRecipes.java) beside ZkNet's on one path: the recipes whose node layout or data
/// encoding ZkNet claims to share with Curator.
/// </summary>
public sealed class CuratorRecipeInteropTests : RecipeTestBase
{
    private const int Rounds = 10;

    [Fact]
    public async Task A_Curator_LeaderSelector_and_ZkNet_selectors_on_one_path_lead_in_turn_and_see_each_others_ids()
    {
        var section = new CriticalSection(Directory.CreateTempSubdirectory("zknet-selector-").FullName);
        var zk = await ConnectAsync();
        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "selector", "/interop/selector", Rounds, section.Directory);
        var leaders = 0;
        var maxLeaders = 0;
        var idsSeen = new List<string>();
        var selectors = new List<(LeaderSelector Selector, TaskCompletionSource Done)>();
        for (var c = 0; c < 2; c++)
        {
            var label = "dotnet" + c;
            var terms = 0;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            LeaderSelector? selector = null;
            selector = new LeaderSelector(await ConnectAsync(), "/interop/selector", async token =>
            {
                var now = Interlocked.Increment(ref leaders);
                InterlockedMax(ref maxLeaders, now);
                try
                {
                    var participants = await selector!.GetParticipantsAsync(token).Bounded();
                    lock (idsSeen)
                    {
                        idsSeen.AddRange(participants.Select(p => p.Id));
                    }
                    if (terms++ < Rounds)
                    {
                        await section.RunAsync("mutex", label, terms);
                    }
                }
                finally
                {
                    // Also when the token is cancelled on close: the term is over either way.
                    Interlocked.Decrement(ref leaders);
                }
                if (terms == Rounds)
                {
                    done.TrySetResult();
                }
            }, new LeaderSelectorOptions { Id = label, AutoRequeue = true });
            selectors.Add((selector, done));
        }
        selectors.ForEach(s => s.Selector.Start());

        await Task.WhenAll(selectors.Select(s => s.Done.Task)).Bounded(TimeSpan.FromMinutes(1));
        foreach (var (selector, _) in selectors)
        {
            await selector.DisposeAsync().AsTask().Bounded();
        }
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Contains($"terms={Rounds} violations=0", stdout, StringComparison.Ordinal);
        // Curator reads ZkNet's ids from the lock nodes' data, and ZkNet reads Curator's.
        Assert.Matches("participants=.*dotnet", stdout);
        Assert.Contains("curator", idsSeen);
        Assert.Equal(1, maxLeaders);
        Assert.Equal(0, section.Violations);
        var holders = section.Holders().Select(h => h.StartsWith("mutex:dotnet", StringComparison.Ordinal) ? "dotnet" : h).ToList();
        Assert.Equal(3 * Rounds, holders.Count);
        Assert.True(holders.Zip(holders.Skip(1)).Count(p => p.First != p.Second) >= 2, "Curator and ZkNet never alternated: " + string.Join(",", holders));
        Directory.Delete(section.Directory, recursive: true);
    }

    [Fact]
    public async Task Curator_and_ZkNet_increment_one_SharedCount_and_one_DistributedAtomicLong_without_losing_an_increment()
    {
        var zk = await ConnectAsync();
        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "counters", "/interop/counters", Rounds, Path.GetTempPath());
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            var client = await ConnectAsync();
            var shared = new SharedCount(client, "/interop/counters/shared");
            var along = new DistributedAtomicLong(client, "/interop/counters/long");
            for (var i = 0; i < Rounds; i++)
            {
                Assert.True((await along.IncrementAsync().Bounded()).Succeeded);
                await shared.AddAsync(1).Bounded();
            }
        })).Bounded(TimeSpan.FromMinutes(1));
        var total = 3 * Rounds;
        // Once both values reach the total, Curator's increments are in too: it now waits for the release node, then
        // reads both values back through its own recipes.
        await WaitForCuratorIncrementsAsync(zk, total);
        await zk.CreateAsync("/interop/counters-release", null, Acl.OpenAclUnsafe).Bounded();
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Contains($"long={total} shared={total}", stdout, StringComparison.Ordinal);
        Assert.Equal(total, (await new SharedCount(zk, "/interop/counters/shared").GetAsync().Bounded()).Value);
        Assert.Equal(total, await new DistributedAtomicLong(zk, "/interop/counters/long").GetAsync().Bounded());
        // Curator's encodings, byte for byte: 4 and 8 big-endian bytes.
        Assert.Equal([0, 0, 0, (byte)total], (await zk.GetDataAsync("/interop/counters/shared").Bounded()).Data);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, (byte)total], (await zk.GetDataAsync("/interop/counters/long").Bounded()).Data);
    }

    [Fact]
    public async Task A_Curator_DistributedQueue_and_a_ZkNet_queue_hand_items_to_each_other_in_order()
    {
        var zk = await ConnectAsync();
        var toJava = new DistributedQueue(zk, "/interop/queue/to-java");
        for (var i = 0; i < Rounds; i++)
        {
            await toJava.PutAsync(Encoding.UTF8.GetBytes("dotnet-" + i)).Bounded();
        }
        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "queue", "/interop/queue", Rounds, Path.GetTempPath());
        var fromJava = new DistributedQueue(await ConnectAsync(), "/interop/queue/to-dotnet");
        var got = new List<string>();
        for (var i = 0; i < Rounds; i++)
        {
            got.Add(Encoding.UTF8.GetString(await fromJava.TakeAsync().Bounded()));
        }
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Equal(Enumerable.Range(0, Rounds).Select(i => "java-" + i), got);
        Assert.Contains("got=" + string.Join(",", Enumerable.Range(0, Rounds).Select(i => "dotnet-" + i)), stdout, StringComparison.Ordinal);
        Assert.Null(await toJava.TryTakeAsync().Bounded());
    }

    [Fact]
    public async Task A_ZkNet_TreeCache_sees_what_Curator_writes_and_a_Curator_CuratorCache_sees_what_ZkNet_writes()
    {
        var zk = await ConnectAsync();
        await using var cache = new TreeCache(await ConnectAsync(), "/interop/cache");
        await cache.StartAsync().Bounded();
        var created = new TaskCompletionSource<CacheEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var changed = new TaskCompletionSource<CacheEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = cache.AddListener(e =>
        {
            if (e.Path == "/interop/cache/java")
            {
                (e.Type == CacheEventType.Created ? created : e.Type == CacheEventType.Changed ? changed : null)?.TrySetResult(e);
            }
            return ValueTask.CompletedTask;
        });

        var curator = await CuratorDriver.StartContendingAsync(zk, Server.ConnectString, "cache", "/interop/cache", 0, Path.GetTempPath());
        Assert.Equal("from-curator", Encoding.UTF8.GetString((await created.Task.Bounded()).Data!.Data));
        await zk.CreateAsync("/interop/cache/dotnet", "from-dotnet"u8.ToArray(), Acl.OpenAclUnsafe).Bounded();
        Assert.Equal("changed-by-curator", Encoding.UTF8.GetString((await changed.Task.Bounded()).Data!.Data));
        await zk.DeleteAsync("/interop/cache/dotnet").Bounded();
        var stdout = await CuratorDriver.FinishedCleanAsync(curator);

        Assert.Contains("events=created:dotnet=from-dotnet,deleted:dotnet", stdout, StringComparison.Ordinal);
        Assert.Equal(["java"], cache.GetChildren("/interop/cache"));
    }

    /// <summary>Waits (watching the values) until both counters reach <paramref name="total"/>: Curator's share is then in.</summary>
    private static async Task WaitForCuratorIncrementsAsync(Client.IZooKeeperClient zk, int total)
    {
        foreach (var (path, width) in new[] { ("/interop/counters/shared", 4), ("/interop/counters/long", 8) })
        {
            while (true)
            {
                var watcher = new Client.Watches.TaskWatcher();
                var data = (await zk.GetDataAsync(path, watcher).Bounded()).Data!;
                Assert.Equal(width, data.Length);
                if (data[^1] == total && data[..^1].All(b => b == 0))
                {
                    break;
                }
                await watcher.Triggered.Bounded();
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
