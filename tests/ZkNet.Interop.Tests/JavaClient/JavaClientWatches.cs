using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.JavaClient;

/// <summary>
/// Watches through the Java client, whose event thread delivers watch events and async completions in the order
/// the server sent them: that is what makes "event before the reply" observable.
/// </summary>
public abstract class JavaClientWatches(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private async Task<(ScenarioResult Result, string Root)> RunAsync(string scenario)
    {
        var root = UniquePath.For("java-" + scenario);
        return (await JavaAsync(scenario, root), root);
    }

    [Fact]
    public async Task Watch_events_arrive_before_the_reply_to_the_change_that_fired_them()
    {
        var (r, root) = await RunAsync("watch-before-reply");
        Assert.Equal(
            [$"NodeDataChanged {root}", "reply setData 0", $"NodeCreated {root}/n", $"NodeChildrenChanged {root}", "reply create 0"],
            r.Strings("order"));
    }

    [Fact]
    public async Task Deleting_a_node_fires_its_own_watches_before_the_parents_child_watch()
    {
        var (r, root) = await RunAsync("delete-events");
        Assert.Equal([$"NodeDeleted {root}/c", $"NodeChildrenChanged {root}", "reply delete 0"], r.Strings("order"));
        Assert.Equal([$"NodeDeleted {root}/c"], r.Strings("childWatchOfDeletedNode"));
        // One-shot watches are gone after firing.
        Assert.Equal(r.Strings("order"), r.Strings("afterSecondChange"));
    }

    [Fact]
    public async Task Persistent_watch_reports_every_change_of_its_node_and_survives_deletion()
    {
        var (r, root) = await RunAsync("persistent-watch");
        var p = root + "/p";
        Assert.Equal(
            [$"NodeCreated {p}", $"NodeDataChanged {p}", $"NodeDataChanged {p}", $"NodeChildrenChanged {p}",
             $"NodeChildrenChanged {p}", $"NodeDeleted {p}", $"NodeCreated {p}"],
            r.Strings("events"));
    }

    [Fact]
    public async Task Persistent_recursive_watch_reports_descendants_without_child_list_events()
    {
        var (r, root) = await RunAsync("recursive-watch");
        Assert.Equal(
            [$"NodeCreated {root}/a", $"NodeCreated {root}/a/b", $"NodeDataChanged {root}/a/b", $"NodeDataChanged {root}",
             $"NodeDeleted {root}/a/b", $"NodeDeleted {root}/a"],
            r.Strings("events"));
    }

    [Fact]
    public async Task RemoveWatches_notifies_the_removed_watcher_and_a_second_removal_fails_with_NoWatcher()
    {
        var (r, root) = await RunAsync("remove-watches");
        Assert.Equal([$"DataWatchRemoved {root}"], r.Strings("afterRemoveData"));
        // The data watch is gone; the child watch of the same watcher still fires.
        Assert.Equal([$"DataWatchRemoved {root}", $"NodeChildrenChanged {root}"], r.Strings("afterChanges"));
        Assert.Equal([$"NodeDataChanged {root}"], r.Strings("otherWatcher"));
        Assert.Equal(ErrorCode.NoWatcher, r.Code("removeAgain"));
        Assert.Equal([$"DataWatchRemoved {root}", $"NodeChildrenChanged {root}", $"ChildWatchRemoved {root}"], r.Strings("afterRemoveAll"));
        Assert.Equal(ErrorCode.NoWatcher, r.Code("removeNone"));
    }
}
