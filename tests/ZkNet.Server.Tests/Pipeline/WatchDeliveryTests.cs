using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>Watch notifications as clients receive them: in order with replies, one per watcher, zxid -1.</summary>
public sealed class WatchDeliveryTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture = new();
    private TestClient _watcher = null!;
    private TestClient _writer = null!;

    public async Task InitializeAsync()
    {
        _watcher = await _fixture.ConnectAsync();
        _writer = await _fixture.ConnectAsync();
        await _writer.CreateAsync("/w", "0");
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Notification_reaches_the_client_before_the_reply_to_its_own_write()
    {
        await _watcher.GetDataAsync("/w", watch: true);

        var xid = await _watcher.SendAsync(OpCode.SetData, new SetDataRequest("/w", "1"u8.ToArray(), -1));
        var first = await _watcher.NextAsync();
        var second = await _watcher.NextAsync();

        Assert.Equal(new ReplyHeader(Xids.Notification, -1, 0), first!.Header);
        Assert.Equal(new WatcherEvent((int)EventType.NodeDataChanged, (int)KeeperState.SyncConnected, "/w"), first.Read<WatcherEvent>());
        Assert.Equal(xid, second!.Header.Xid);
    }

    [Fact]
    public async Task Data_watch_fires_once_for_a_change_by_another_client()
    {
        await _watcher.GetDataAsync("/w", watch: true);

        await _writer.SetDataAsync("/w", "1");
        await _writer.SetDataAsync("/w", "2");
        var evt = await _watcher.NextEventAsync();
        var ping = await _watcher.CallAsync(OpCode.Exists, new ExistsRequest("/w", false));

        Assert.Equal((int)EventType.NodeDataChanged, evt.Type);
        Assert.Equal(ErrorCode.Ok, ping.Err);
        Assert.Empty(_watcher.Events);
    }

    [Fact]
    public async Task Exists_watch_on_a_missing_node_fires_when_it_is_created()
    {
        Assert.Equal(ErrorCode.NoNode, (await _watcher.ExistsAsync("/later", watch: true)).Err);

        await _writer.CreateAsync("/later");

        var evt = await _watcher.NextEventAsync();
        Assert.Equal(((int)EventType.NodeCreated, "/later"), (evt.Type, evt.Path));
    }

    [Fact]
    public async Task GetData_on_a_missing_node_leaves_no_watch()
    {
        await _watcher.GetDataAsync("/absent", watch: true);
        await _writer.CreateAsync("/absent");

        var check = await _watcher.CallAsync(OpCode.Exists, new ExistsRequest("/absent", false));

        Assert.Equal(ErrorCode.Ok, check.Err);
        Assert.Empty(_watcher.Events);
        Assert.False(_watcher.Cnxn.HasFrame);
    }

    [Fact]
    public async Task Deleting_a_watched_node_notifies_once_and_tells_the_parent_watcher_its_children_changed()
    {
        await _writer.CreateAsync("/w/c");
        await _watcher.GetDataAsync("/w/c", watch: true);
        await _watcher.CallAsync(OpCode.GetChildren, new GetChildrenRequest("/w/c", true));
        await _watcher.CallAsync(OpCode.GetChildren, new GetChildrenRequest("/w", true));

        await _writer.DeleteAsync("/w/c");
        var first = await _watcher.NextEventAsync();
        var second = await _watcher.NextEventAsync();
        await _watcher.ExistsAsync("/w");

        Assert.Equal(((int)EventType.NodeDeleted, "/w/c"), (first.Type, first.Path));
        Assert.Equal(((int)EventType.NodeChildrenChanged, "/w"), (second.Type, second.Path));
        Assert.Empty(_watcher.Events);
    }

    [Fact]
    public async Task Recursive_watch_reports_descendant_changes_but_no_child_list_events()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/w", (int)AddWatchMode.PersistentRecursive));

        await _writer.CreateAsync("/w/a");
        await _writer.SetDataAsync("/w/a", "x");
        await _writer.CreateAsync("/w/a/b");
        await _writer.DeleteAsync("/w/a/b");
        await _watcher.ExistsAsync("/w");

        Assert.Equal(
            [(EventType.NodeCreated, "/w/a"), (EventType.NodeDataChanged, "/w/a"), (EventType.NodeCreated, "/w/a/b"), (EventType.NodeDeleted, "/w/a/b")],
            _watcher.Events.Select(e => ((EventType)e.Type, e.Path)));
    }

    [Fact]
    public async Task Persistent_watch_keeps_firing_for_the_node_and_its_child_list()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/w", (int)AddWatchMode.Persistent));

        await _writer.SetDataAsync("/w", "1");
        await _writer.SetDataAsync("/w", "2");
        await _writer.CreateAsync("/w/child");
        await _writer.SetDataAsync("/w/child", "x");
        await _watcher.ExistsAsync("/w");

        Assert.Equal(
            [(EventType.NodeDataChanged, "/w"), (EventType.NodeDataChanged, "/w"), (EventType.NodeChildrenChanged, "/w")],
            _watcher.Events.Select(e => ((EventType)e.Type, e.Path)));
    }

    [Fact]
    public async Task Closed_connection_leaves_no_watches_behind()
    {
        await _watcher.GetDataAsync("/w", watch: true);
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/", (int)AddWatchMode.PersistentRecursive));
        Assert.Equal(2, _fixture.Server.Tree.DataWatches.Count);

        await _fixture.Server.SubmitAsync(new Server.Pipeline.Request { Kind = Server.Pipeline.RequestKind.ConnectionClosed, Cnxn = _watcher.Cnxn });
        await _writer.SetDataAsync("/w", "1");

        Assert.Equal(0, _fixture.Server.Tree.DataWatches.Count);
        Assert.Equal(0, _fixture.Server.Tree.DataWatches.WatcherCount);
        Assert.True(_watcher.Cnxn.Closed);
    }

    [Fact]
    public async Task Removed_watch_no_longer_fires_and_removing_it_again_is_NoWatcher()
    {
        await _watcher.GetDataAsync("/w", watch: true);

        var check = await _watcher.CallAsync(OpCode.CheckWatches, new CheckWatchesRequest("/w", (int)WatcherType.Data));
        var removed = await _watcher.CallAsync(OpCode.RemoveWatches, new RemoveWatchesRequest("/w", (int)WatcherType.Data));
        var again = await _watcher.CallAsync(OpCode.RemoveWatches, new RemoveWatchesRequest("/w", (int)WatcherType.Data));
        await _writer.SetDataAsync("/w", "1");
        await _watcher.ExistsAsync("/w");

        Assert.Equal(ErrorCode.Ok, check.Err);
        Assert.Equal(ErrorCode.Ok, removed.Err);
        Assert.Equal(ErrorCode.NoWatcher, again.Err);
        Assert.Empty(_watcher.Events);
    }
}
