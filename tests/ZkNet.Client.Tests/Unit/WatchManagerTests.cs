using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Tests.Unit;

/// <summary>Which watchers an event triggers, as ZooKeeper's ZKWatchManager decides.</summary>
public sealed class WatchManagerTests
{
    private readonly WatchManager _manager = new();
    private readonly IWatcher _data = Watcher.Create(_ => { });
    private readonly IWatcher _exist = Watcher.Create(_ => { });
    private readonly IWatcher _child = Watcher.Create(_ => { });
    private readonly IWatcher _persistent = Watcher.Create(_ => { });
    private readonly IWatcher _recursive = Watcher.Create(_ => { });

    public WatchManagerTests()
    {
        _manager.Add(WatchKind.Data, "/a/b", _data);
        _manager.Add(WatchKind.Exist, "/a/b", _exist);
        _manager.Add(WatchKind.Child, "/a/b", _child);
        _manager.Add(WatchKind.Persistent, "/a/b", _persistent);
        _manager.Add(WatchKind.PersistentRecursive, "/a", _recursive);
    }

    [Fact]
    public void Data_change_triggers_data_exist_persistent_and_ancestor_recursive_watches()
    {
        Assert.Equal([_data, _exist, _persistent, _recursive], _manager.Materialize(EventType.NodeDataChanged, "/a/b"));
        // One-shot watches are gone; persistent ones stay.
        Assert.Equal([_persistent, _recursive], _manager.Materialize(EventType.NodeDataChanged, "/a/b"));
    }

    [Fact]
    public void Child_change_skips_recursive_watches()
    {
        Assert.Equal([_child, _persistent], _manager.Materialize(EventType.NodeChildrenChanged, "/a/b"));
    }

    [Fact]
    public void Delete_triggers_every_kind_on_the_path()
    {
        Assert.Equal([_data, _exist, _child, _persistent, _recursive], _manager.Materialize(EventType.NodeDeleted, "/a/b"));
    }

    [Fact]
    public void State_changes_reach_the_default_watcher_and_every_registered_watcher_once()
    {
        var defaultWatcher = Watcher.Create(_ => { });
        _manager.DefaultWatcher = defaultWatcher;
        _manager.Add(WatchKind.Data, "/other", _data);
        Assert.Equal([defaultWatcher, _data, _exist, _child, _persistent, _recursive], _manager.MaterializeState());
    }

    [Fact]
    public void Removal_reports_one_event_per_removed_kind()
    {
        var removed = _manager.Remove("/a/b", null, WatcherType.Any);
        Assert.Contains((_data, EventType.DataWatchRemoved), removed);
        Assert.Contains((_exist, EventType.DataWatchRemoved), removed);
        Assert.Contains((_child, EventType.ChildWatchRemoved), removed);
        Assert.Contains((_persistent, EventType.PersistentWatchRemoved), removed);
        Assert.Equal(4, removed.Count);
        Assert.False(_manager.Contains("/a/b", null, WatcherType.Any));
        Assert.True(_manager.Contains("/a", _recursive, WatcherType.PersistentRecursive));
    }
}
