using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>One-shot watches of every call, persistent and recursive watches, removal, and the async streams.</summary>
public abstract class WatchTests(ServerFixture server) : ClientTestBase(server)
{
    [Fact]
    public async Task Data_watch_fires_once_on_change()
    {
        await Client.CreateAsync(P("n"), B("1"), Acl.OpenAclUnsafe).Bounded();
        var recorder = new EventRecorder();
        await Client.GetDataAsync(P("n"), recorder).Bounded();
        var stat = await Client.SetDataAsync(P("n"), B("2")).Bounded();
        var e = await recorder.NextNodeEventAsync();
        Assert.Equal(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, P("n"), e.Zxid), e);
        // ZooKeeper 3.9 reports the change's zxid with the event; 3.8 sends -1.
        Assert.True(e.Zxid == stat.Mzxid || e.Zxid == -1, $"event zxid {e.Zxid}, change zxid {stat.Mzxid}");

        await Client.SetDataAsync(P("n"), B("3")).Bounded();
        await DispatcherBarrierAsync();
        Assert.Single(recorder.All, x => !x.IsStateChange);
    }

    [Fact]
    public async Task Exists_watch_on_a_missing_node_fires_on_create_and_on_an_existing_one_fires_on_delete()
    {
        var created = new TaskWatcher();
        Assert.Null(await Client.ExistsAsync(P("later"), created).Bounded());
        await Client.CreateAsync(P("later"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.Equal(EventType.NodeCreated, (await created.Triggered.Bounded()).Type);

        var deleted = new TaskWatcher();
        Assert.NotNull(await Client.ExistsAsync(P("later"), deleted).Bounded());
        await Client.DeleteAsync(P("later")).Bounded();
        Assert.Equal(EventType.NodeDeleted, (await deleted.Triggered.Bounded()).Type);
    }

    [Fact]
    public async Task Child_watch_fires_on_child_changes_and_on_delete_of_the_node()
    {
        await Client.CreateAsync(P("p"), null, Acl.OpenAclUnsafe).Bounded();
        var children = new TaskWatcher();
        await Client.GetChildrenAsync(P("p"), children).Bounded();
        await Client.CreateAsync(P("p/c"), null, Acl.OpenAclUnsafe).Bounded();
        var e = await children.Triggered.Bounded();
        Assert.Equal((EventType.NodeChildrenChanged, P("p")), (e.Type, e.Path));

        var gone = new TaskWatcher();
        await Client.GetChildrenWithStatAsync(P("p/c"), gone).Bounded();
        await Client.DeleteAsync(P("p/c")).Bounded();
        Assert.Equal(EventType.NodeDeleted, (await gone.Triggered.Bounded()).Type);
    }

    [Fact]
    public async Task A_watcher_set_twice_on_a_path_fires_once_and_distinct_watchers_each_fire()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var twice = new EventRecorder();
        var other = new EventRecorder();
        await Client.GetDataAsync(P("n"), twice).Bounded();
        await Client.ExistsAsync(P("n"), twice).Bounded();
        await Client.GetDataAsync(P("n"), other).Bounded();
        await Client.SetDataAsync(P("n"), B("x")).Bounded();
        await other.NextNodeEventAsync();
        await DispatcherBarrierAsync();
        Assert.Single(twice.All, e => !e.IsStateChange);
    }

    [Fact]
    public async Task Failed_calls_leave_no_watch()
    {
        var recorder = new EventRecorder();
        await Assert.ThrowsAsync<NoNodeException>(() => Client.GetDataAsync(P("none"), recorder).Bounded());
        await Assert.ThrowsAsync<NoNodeException>(() => Client.GetChildrenAsync(P("none"), recorder).Bounded());
        await Assert.ThrowsAsync<NoWatcherException>(() => Client.RemoveWatchesAsync(P("none"), recorder, WatcherType.Any));
    }

    [Fact]
    public async Task Persistent_watch_keeps_firing_for_the_node_and_its_children_list()
    {
        var recorder = new EventRecorder();
        await Client.AddWatchAsync(P("w"), recorder, AddWatchMode.Persistent).Bounded();
        await Client.CreateAsync(P("w"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.SetDataAsync(P("w"), B("1")).Bounded();
        await Client.SetDataAsync(P("w"), B("2")).Bounded();
        await Client.CreateAsync(P("w/c"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("w/c/grandchild"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.DeleteAsync(P("w/c/grandchild")).Bounded();
        await Client.DeleteAsync(P("w/c")).Bounded();
        await Client.DeleteAsync(P("w")).Bounded();
        var expected = new[]
        {
            EventType.NodeCreated, EventType.NodeDataChanged, EventType.NodeDataChanged,
            EventType.NodeChildrenChanged, EventType.NodeChildrenChanged, EventType.NodeDeleted,
        };
        foreach (var type in expected)
        {
            var e = await recorder.NextNodeEventAsync();
            Assert.Equal((type, P("w")), (e.Type, e.Path));
        }
    }

    [Fact]
    public async Task Recursive_watch_reports_every_descendant_in_order_but_no_child_events()
    {
        var recorder = new EventRecorder();
        await Client.AddWatchAsync(P("r"), recorder, AddWatchMode.PersistentRecursive).Bounded();
        await Client.CreateAsync(P("r"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("r/a"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("r/a/b"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.SetDataAsync(P("r/a/b"), B("x")).Bounded();
        await Client.DeleteAsync(P("r/a/b")).Bounded();
        var expected = new[]
        {
            (EventType.NodeCreated, P("r")), (EventType.NodeCreated, P("r/a")), (EventType.NodeCreated, P("r/a/b")),
            (EventType.NodeDataChanged, P("r/a/b")), (EventType.NodeDeleted, P("r/a/b")),
        };
        foreach (var (type, path) in expected)
        {
            var e = await recorder.NextNodeEventAsync();
            Assert.Equal((type, path), (e.Type, e.Path));
        }
        await DispatcherBarrierAsync();
        Assert.DoesNotContain(recorder.All, e => e.Type == EventType.NodeChildrenChanged);
    }

    [Fact]
    public async Task Removing_one_watcher_tells_it_and_leaves_the_others()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var removed = new EventRecorder();
        var kept = new EventRecorder();
        await Client.GetDataAsync(P("n"), removed).Bounded();
        await Client.GetDataAsync(P("n"), kept).Bounded();

        await Client.RemoveWatchesAsync(P("n"), removed, WatcherType.Data).Bounded();
        var notice = await removed.NextAsync();
        Assert.Equal((EventType.DataWatchRemoved, P("n")), (notice.Type, notice.Path));

        await Client.SetDataAsync(P("n"), B("x")).Bounded();
        Assert.Equal(EventType.NodeDataChanged, (await kept.NextNodeEventAsync()).Type);
        await DispatcherBarrierAsync();
        Assert.Single(removed.All);
        await Assert.ThrowsAsync<NoWatcherException>(() => Client.RemoveWatchesAsync(P("n"), removed, WatcherType.Data));
    }

    [Fact]
    public async Task Removing_all_child_watches_removes_them_on_the_server_too()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var first = new EventRecorder();
        var second = new EventRecorder();
        await Client.GetChildrenAsync(P("n"), first).Bounded();
        await Client.GetChildrenAsync(P("n"), second).Bounded();
        await Client.RemoveAllWatchesAsync(P("n"), WatcherType.Children).Bounded();
        Assert.Equal(EventType.ChildWatchRemoved, (await first.NextAsync()).Type);
        Assert.Equal(EventType.ChildWatchRemoved, (await second.NextAsync()).Type);
        // The server no longer holds a child watch for this connection either.
        await Assert.ThrowsAsync<NoWatcherException>(() => Client.RemoveAllWatchesAsync(P("n"), WatcherType.Children));
    }

    [Fact]
    public async Task Removing_a_persistent_watch_stops_its_events()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var recorder = new EventRecorder();
        await Client.AddWatchAsync(P("n"), recorder, AddWatchMode.Persistent).Bounded();
        await Client.RemoveWatchesAsync(P("n"), recorder, WatcherType.Any).Bounded();
        Assert.Equal(EventType.PersistentWatchRemoved, (await recorder.NextAsync()).Type);
        await Client.SetDataAsync(P("n"), B("x")).Bounded();
        await DispatcherBarrierAsync();
        Assert.Single(recorder.All);
    }

    [Fact]
    public async Task Local_removal_needs_no_server_and_silences_the_watcher()
    {
        await Client.CreateAsync(P("n"), null, Acl.OpenAclUnsafe).Bounded();
        var recorder = new EventRecorder();
        await Client.ExistsAsync(P("n"), recorder).Bounded();
        await Client.RemoveWatchesAsync(P("n"), recorder, WatcherType.Data, local: true).Bounded();
        Assert.Equal(EventType.DataWatchRemoved, (await recorder.NextAsync()).Type);
        await Client.DeleteAsync(P("n")).Bounded();
        await DispatcherBarrierAsync();
        Assert.Single(recorder.All);
    }

    [Fact]
    public async Task Watch_stream_yields_events_and_removes_its_watch_when_disposed()
    {
        await Client.CreateAsync(P("s"), null, Acl.OpenAclUnsafe).Bounded();
        using var cts = new CancellationTokenSource(Waits.Timeout);
        var seen = new List<(EventType, string?)>();
        await using (var events = Client.WatchAsync(P("s"), AddWatchMode.PersistentRecursive, cts.Token).GetAsyncEnumerator(cts.Token))
        {
            var next = events.MoveNextAsync();
            await Client.CreateAsync(P("s/a"), null, Acl.OpenAclUnsafe).Bounded();
            await Client.SetDataAsync(P("s"), B("x")).Bounded();
            Assert.True(await next);
            seen.Add((events.Current.Type, events.Current.Path));
            Assert.True(await events.MoveNextAsync());
            seen.Add((events.Current.Type, events.Current.Path));
        }
        Assert.Equal([(EventType.NodeCreated, P("s/a")), (EventType.NodeDataChanged, P("s"))], seen);
        await Assert.ThrowsAsync<NoWatcherException>(() => Client.RemoveAllWatchesAsync(P("s"), WatcherType.Any));
    }

    [Fact]
    public async Task State_stream_and_default_watcher_see_the_close()
    {
        var defaultWatcher = new EventRecorder();
        var other = await ConnectAsync(defaultWatcher: defaultWatcher);
        Assert.Equal(KeeperState.SyncConnected, (await defaultWatcher.NextAsync()).State);
        var states = new List<KeeperState>();
        // The stream registers its listener on its first MoveNext, which runs on this thread up to its first wait:
        // it is listening before the close below, however slow the machine.
        var reading = ReadAllAsync(other.StateChangesAsync(), states);
        var pending = new TaskWatcher();
        await other.ExistsAsync(P("never"), pending).Bounded();
        await other.CloseAsync().Bounded();
        await reading.Bounded();
        Assert.Equal([KeeperState.Closed], states);
        Assert.Equal(KeeperState.Closed, (await defaultWatcher.NextAsync()).State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => pending.Triggered.Bounded());
    }
}
