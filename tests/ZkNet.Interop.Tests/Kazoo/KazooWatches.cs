using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;

namespace ZkNet.Interop.Tests.Kazoo;

/// <summary>One-shot data, exists and child watches driven by kazoo: event types, paths and order.</summary>
public abstract class KazooWatches(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private async Task<(ScenarioResult Result, string Root)> RunAsync(string scenario)
    {
        var root = UniquePath.For("kazoo-watch-" + scenario);
        return (await KazooAsync("kazoo_watches.py", scenario, root), root);
    }

    [Fact]
    public async Task Exists_and_getData_watches_report_created_changed_and_deleted_with_the_path()
    {
        var (r, root) = await RunAsync("data");
        Assert.True(r.Bool("existsMissing"));
        Assert.Equal([$"CREATED {root}/n"], r.Strings("created"));
        Assert.Equal([$"CHANGED {root}/n"], r.Strings("changed"));
        Assert.Equal([$"DELETED {root}/n"], r.Strings("deleted"));
    }

    [Fact]
    public async Task A_one_shot_watch_fires_once_for_two_changes()
    {
        var (r, root) = await RunAsync("data");
        // The marker's creation comes after both changes, so a second CHANGED would sit before it.
        Assert.Equal([$"CHANGED {root}/once", $"CREATED {root}/marker"], r.Strings("oneShot"));
    }

    [Fact]
    public async Task Child_watches_fire_on_child_creation_and_deletion_but_not_on_data_changes()
    {
        var (r, root) = await RunAsync("children");
        Assert.Equal([$"CHILD {root}"], r.Strings("childCreated"));
        // Creating the marker fires the exists watch on it first, then the parent's child watch; the data
        // changes made before it fired nothing.
        Assert.Equal([$"CREATED {root}/marker", $"CHILD {root}"], r.Strings("dataChangesThenMarker"));
        // A child watch on a node that is deleted reports the deletion.
        Assert.Equal([$"DELETED {root}/c"], r.Strings("watchedNodeDeleted"));
    }

    [Fact]
    public async Task Every_watcher_registered_on_a_node_is_notified()
    {
        var (r, root) = await RunAsync("multiple");
        Assert.Equal([$"CHANGED {root}"], r.Strings("first"));
        Assert.Equal([$"CHANGED {root}"], r.Strings("second"));
    }
}
