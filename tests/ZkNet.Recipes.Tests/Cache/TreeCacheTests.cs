using System.Text;
using ZkNet.Client;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Recipes.Cache;
using ZkNet.Recipes.Tests.Infrastructure;

namespace ZkNet.Recipes.Tests.Cache;

public sealed class TreeCacheTests : RecipeTestBase
{
    [Fact]
    public async Task The_initial_load_then_creations_changes_and_deletions_are_reported_in_order()
    {
        var writer = await ConnectAsync();
        await writer.CreateWithParentsAsync("/tree/a/x", "1"u8.ToArray(), Acl.OpenAclUnsafe).Bounded();
        await using var cache = new TreeCache(await ConnectAsync(), "/tree");
        var events = new EventLog();
        using var _ = cache.AddListener(events.Add);
        await cache.StartAsync().Bounded();
        Assert.True(cache.UsesRecursiveWatch);
        await events.WaitForAsync(e => e.Type == CacheEventType.Initialized);
        Assert.Equal(["/tree", "/tree/a", "/tree/a/x"], events.PathsOf(CacheEventType.Created));
        Assert.Equal("1", Encoding.UTF8.GetString(cache.Get("/tree/a/x")!.Data));

        await writer.CreateAsync("/tree/b", "new"u8.ToArray(), Acl.OpenAclUnsafe).Bounded();
        await writer.SetDataAsync("/tree/a/x", "2"u8.ToArray()).Bounded();
        // The cache reads the new data after the watch event; a delete before that read leaves only the deletion
        // to report (Curator's caches do the same), so the change is awaited before the delete.
        await events.WaitForAsync(e => e.Type == CacheEventType.Changed && e.Path == "/tree/a/x" && Encoding.UTF8.GetString(e.Data!.Data) == "2");
        await writer.DeleteRecursiveAsync("/tree/a").Bounded();
        await events.WaitForAsync(e => e.Type == CacheEventType.Deleted && e.Path == "/tree/a");
        await events.WaitForAsync(e => e.Type == CacheEventType.Created && e.Path == "/tree/b");
        Assert.Equal(["/tree", "/tree/b"], cache.Snapshot().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["b"], cache.GetChildren("/tree"));
    }

    [Fact]
    public async Task A_node_cache_and_a_children_cache_follow_one_shot_watches()
    {
        var writer = await ConnectAsync();
        var reader = await ConnectAsync();
        await using var node = new TreeCache(reader, "/config", maxDepth: 0);
        await using var children = new TreeCache(reader, "/services", maxDepth: 1);
        await node.StartAsync().Bounded();
        await children.StartAsync().Bounded();
        Assert.False(node.UsesRecursiveWatch);
        Assert.Null(node.Get("/config"));
        var nodeEvents = new EventLog();
        var childEvents = new EventLog();
        using var a = node.AddListener(nodeEvents.Add);
        using var b = children.AddListener(childEvents.Add);

        await writer.CreateAsync("/config", "v1"u8.ToArray(), Acl.OpenAclUnsafe).Bounded();
        await nodeEvents.WaitForAsync(e => e.Type == CacheEventType.Created);
        await writer.SetDataAsync("/config", "v2"u8.ToArray()).Bounded();
        await nodeEvents.WaitForAsync(e => e.Type == CacheEventType.Changed);
        Assert.Equal("v2", Encoding.UTF8.GetString(node.Get("/config")!.Data));

        await writer.CreateWithParentsAsync("/services/one/deeper", null, Acl.OpenAclUnsafe).Bounded();
        await childEvents.WaitForAsync(e => e.Path == "/services/one");
        Assert.Null(children.Get("/services/one/deeper"));
    }

    [Fact]
    public async Task Changes_made_while_the_cache_was_disconnected_are_found_on_reconnect()
    {
        await using var proxy = new CuttableProxy(Server.Port);
        var writer = await ConnectAsync();
        await writer.CreateWithParentsAsync("/offline/keep", "k"u8.ToArray(), Acl.OpenAclUnsafe).Bounded();
        await writer.CreateAsync("/offline/drop", null, Acl.OpenAclUnsafe).Bounded();
        await using var cacheClient = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions
        {
            ConnectString = proxy.ConnectString,
            SessionTimeout = TimeSpan.FromSeconds(5),
        }).Bounded();
        await using var cache = new TreeCache(cacheClient, "/offline");
        await cache.StartAsync().Bounded();
        var events = new EventLog();
        using var _ = cache.AddListener(events.Add);
        var suspended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var states = cacheClient.AddConnectionStateListener(s =>
        {
            if (s == ConnectionState.Suspended)
            {
                suspended.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });

        proxy.Cut();
        await suspended.Task.Bounded();
        await writer.SetDataAsync("/offline/keep", "changed"u8.ToArray()).Bounded();
        await writer.DeleteAsync("/offline/drop").Bounded();
        await writer.CreateAsync("/offline/added", null, Acl.OpenAclUnsafe).Bounded();
        proxy.Restore();

        await events.WaitForAsync(e => e.Type == CacheEventType.Created && e.Path == "/offline/added");
        await events.WaitForAsync(e => e.Type == CacheEventType.Deleted && e.Path == "/offline/drop");
        await events.WaitForAsync(e => e.Type == CacheEventType.Changed && e.Path == "/offline/keep");
        Assert.Equal("changed", Encoding.UTF8.GetString(cache.Get("/offline/keep")!.Data));
        Assert.Equal(["added", "keep"], cache.GetChildren("/offline"));
    }

    /// <summary>Collects cache events and lets a test await one.</summary>
    private sealed class EventLog
    {
        private readonly List<CacheEvent> _events = [];
        private readonly List<(Func<CacheEvent, bool> Match, TaskCompletionSource Done)> _waiters = [];

        public IReadOnlyList<CacheEvent> All
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public ValueTask Add(CacheEvent cacheEvent)
        {
            lock (_events)
            {
                _events.Add(cacheEvent);
                foreach (var waiter in _waiters.Where(w => w.Match(cacheEvent)))
                {
                    waiter.Done.TrySetResult();
                }
            }
            return ValueTask.CompletedTask;
        }

        public Task WaitForAsync(Func<CacheEvent, bool> match)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_events)
            {
                if (_events.Any(match))
                {
                    return Task.CompletedTask;
                }
                _waiters.Add((match, done));
            }
            return done.Task.Bounded();
        }

        public List<string> PathsOf(CacheEventType type) => All.Where(e => e.Type == type).Select(e => e.Path!).ToList();
    }
}
