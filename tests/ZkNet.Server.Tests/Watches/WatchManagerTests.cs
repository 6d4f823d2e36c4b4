using ZkNet.Protocol;
using ZkNet.Server.Watches;

namespace ZkNet.Server.Tests.Watches;

/// <summary>One-shot, persistent and recursive watches, as ZooKeeper's WatchManager keeps them.</summary>
public sealed class WatchManagerTests
{
    private readonly WatchManager _watches = new();
    private readonly RecordingWatcher _a = new(1);
    private readonly RecordingWatcher _b = new(2);

    [Fact]
    public void Standard_watch_fires_once_and_is_removed()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Standard);

        _watches.TriggerWatch("/x", EventType.NodeDataChanged, 5);
        _watches.TriggerWatch("/x", EventType.NodeDataChanged, 6);

        Assert.Equal([(EventType.NodeDataChanged, "/x")], _a.Events);
        Assert.Equal(0, _watches.Count);
        Assert.Equal(0, _watches.PathCount);
        Assert.Equal(0, _watches.WatcherCount);
    }

    [Fact]
    public void Watch_fires_only_for_its_own_path()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Standard);

        Assert.Null(_watches.TriggerWatch("/x/child", EventType.NodeCreated, 5));
        Assert.Null(_watches.TriggerWatch("/xy", EventType.NodeCreated, 5));

        Assert.Empty(_a.Events);
        Assert.True(_watches.ContainsWatcher("/x", _a));
    }

    [Fact]
    public void Persistent_watch_stays_after_firing()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Persistent);

        _watches.TriggerWatch("/x", EventType.NodeDataChanged, 5);
        _watches.TriggerWatch("/x", EventType.NodeDeleted, 6);

        Assert.Equal([(EventType.NodeDataChanged, "/x"), (EventType.NodeDeleted, "/x")], _a.Events);
        Assert.True(_watches.ContainsWatcher("/x", _a, WatcherMode.Persistent));
        Assert.Equal(1, _watches.Count);
    }

    [Fact]
    public void Persistent_watch_does_not_fire_for_descendants()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Persistent);

        _watches.TriggerWatch("/x/child", EventType.NodeCreated, 5);

        Assert.Empty(_a.Events);
    }

    [Fact]
    public void Recursive_watch_fires_for_the_node_and_every_descendant_with_the_changed_path()
    {
        _watches.AddWatch("/r", _a, WatcherMode.PersistentRecursive);

        _watches.TriggerWatch("/r", EventType.NodeDataChanged, 5);
        _watches.TriggerWatch("/r/a", EventType.NodeCreated, 6);
        _watches.TriggerWatch("/r/a/b/c", EventType.NodeDeleted, 7);
        _watches.TriggerWatch("/rx", EventType.NodeCreated, 8);
        _watches.TriggerWatch("/", EventType.NodeDataChanged, 9);

        Assert.Equal(
            [(EventType.NodeDataChanged, "/r"), (EventType.NodeCreated, "/r/a"), (EventType.NodeDeleted, "/r/a/b/c")],
            _a.Events);
        Assert.Equal(1, _watches.Count);
    }

    [Fact]
    public void Recursive_watch_never_fires_for_child_list_changes()
    {
        _watches.AddWatch("/r", _a, WatcherMode.PersistentRecursive);

        Assert.Null(_watches.TriggerWatch("/r", EventType.NodeChildrenChanged, 5));
        Assert.Null(_watches.TriggerWatch("/r/a", EventType.NodeChildrenChanged, 6));

        Assert.Empty(_a.Events);
    }

    [Fact]
    public void Recursive_watch_on_the_root_sees_everything()
    {
        _watches.AddWatch("/", _a, WatcherMode.PersistentRecursive);

        _watches.TriggerWatch("/a/b", EventType.NodeCreated, 5);

        Assert.Equal([(EventType.NodeCreated, "/a/b")], _a.Events);
    }

    [Fact]
    public void Standard_watch_on_an_ancestor_is_not_consumed_by_a_descendant_change()
    {
        // The walk up the parents (needed for recursive watches) must not fire or remove one-shot watches there.
        _watches.AddWatch("/r", _b, WatcherMode.PersistentRecursive);
        _watches.AddWatch("/r", _a, WatcherMode.Standard);

        _watches.TriggerWatch("/r/a", EventType.NodeCreated, 5);

        Assert.Empty(_a.Events);
        Assert.True(_watches.ContainsWatcher("/r", _a, WatcherMode.Standard));
        Assert.Single(_b.Events);
    }

    [Fact]
    public void One_watcher_is_told_once_even_when_a_recursive_and_a_standard_watch_both_match()
    {
        _watches.AddWatch("/r", _a, WatcherMode.PersistentRecursive);
        _watches.AddWatch("/r/a", _a, WatcherMode.Standard);

        _watches.TriggerWatch("/r/a", EventType.NodeDataChanged, 5);

        Assert.Single(_a.Events);
    }

    [Fact]
    public void Suppressed_watchers_are_matched_but_not_told()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Standard);
        _watches.AddWatch("/x", _b, WatcherMode.Standard);

        var matched = _watches.TriggerWatch("/x", EventType.NodeDeleted, 5, suppress: [_a]);

        Assert.Equal(new HashSet<IWatcher> { _a, _b }, matched);
        Assert.Empty(_a.Events);
        Assert.Single(_b.Events);
        Assert.Equal(0, _watches.Count);
    }

    [Fact]
    public void Standard_watch_does_not_downgrade_a_persistent_one_but_persistent_replaces_standard()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Persistent);
        _watches.AddWatch("/x", _a, WatcherMode.Standard);
        Assert.True(_watches.ContainsWatcher("/x", _a, WatcherMode.Persistent));

        _watches.AddWatch("/y", _a, WatcherMode.Standard);
        _watches.AddWatch("/y", _a, WatcherMode.PersistentRecursive);
        Assert.True(_watches.ContainsWatcher("/y", _a, WatcherMode.PersistentRecursive));
        Assert.Equal(2, _watches.Count);
    }

    [Fact]
    public void Removing_a_watcher_drops_all_its_watches_and_keeps_the_others()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Standard);
        _watches.AddWatch("/r", _a, WatcherMode.PersistentRecursive);
        _watches.AddWatch("/x", _b, WatcherMode.Standard);

        _watches.RemoveWatcher(_a);

        Assert.Equal(1, _watches.Count);
        Assert.Equal(1, _watches.WatcherCount);
        Assert.Equal(1, _watches.PathCount);
        Assert.Empty(_watches.PathsOf(_a));
        _watches.TriggerWatch("/r/child", EventType.NodeCreated, 5);
        _watches.TriggerWatch("/x", EventType.NodeDeleted, 6);
        Assert.Empty(_a.Events);
        Assert.Single(_b.Events);
    }

    [Fact]
    public void Removing_one_watch_by_path_and_mode()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Persistent);

        Assert.False(_watches.RemoveWatcher("/x", _a, WatcherMode.Standard));
        Assert.False(_watches.RemoveWatcher("/y", _a));
        Assert.True(_watches.RemoveWatcher("/x", _a, WatcherMode.Persistent));
        Assert.False(_watches.ContainsWatcher("/x", _a));
        Assert.Equal(0, _watches.Count);
        Assert.Equal(0, _watches.WatcherCount);
    }

    [Fact]
    public void Counts_track_pairs_paths_and_watchers()
    {
        _watches.AddWatch("/x", _a, WatcherMode.Standard);
        _watches.AddWatch("/y", _a, WatcherMode.Standard);
        _watches.AddWatch("/x", _b, WatcherMode.Standard);
        _watches.AddWatch("/x", _b, WatcherMode.Standard);

        Assert.Equal(3, _watches.Count);
        Assert.Equal(2, _watches.PathCount);
        Assert.Equal(2, _watches.WatcherCount);
        Assert.Equal(["/x", "/y"], _watches.PathsOf(_a).Select(p => p.Path).Order(StringComparer.Ordinal));
        Assert.Equal(2, _watches.ByPath().Single(p => p.Path == "/x").Watchers.Count);
        Assert.Equal(2, _watches.ByWatcher().Single(w => w.Watcher == _a).Paths.Count);
    }

    [Fact]
    public void Recursive_walk_stops_once_the_last_recursive_watch_is_gone()
    {
        _watches.AddWatch("/r", _a, WatcherMode.PersistentRecursive);
        _watches.RemoveWatcher("/r", _a);
        _watches.AddWatch("/r", _b, WatcherMode.Standard);

        _watches.TriggerWatch("/r/a", EventType.NodeCreated, 5);

        Assert.Empty(_a.Events);
        Assert.Empty(_b.Events);
    }
}
