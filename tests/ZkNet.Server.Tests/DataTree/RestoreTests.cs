using ZkNet.Server.DataTree;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>Restoring a snapshot's nodes: depth first (as snapshots are written) or any other parent-first order.</summary>
public sealed class RestoreTests
{
    // One tree, listed depth first and in two other parent-first orders (sorted, where "/a-1" comes between "/a"
    // and "/a/x", and breadth first).
    private static readonly string[] DepthFirst = ["/", "/a", "/a/x", "/a/x/z", "/a/w", "/a-1", "/b", "/b/y", "/zookeeper", "/zookeeper/quota"];
    private static readonly string[] Sorted = ["/", "/a", "/a-1", "/a/w", "/a/x", "/a/x/z", "/b", "/b/y", "/zookeeper", "/zookeeper/quota"];
    private static readonly string[] BreadthFirst = ["/", "/zookeeper", "/b", "/a", "/a-1", "/zookeeper/quota", "/b/y", "/a/x", "/a/w", "/a/x/z"];

    private static DataNode Node(string path) => new(System.Text.Encoding.UTF8.GetBytes(path), -1, path.Length, 1000, 0);

    private static Tree Restore(IEnumerable<string> order)
    {
        var tree = new Tree();
        var restore = tree.BeginRestore();
        restore.Reserve(16);
        foreach (var path in order)
        {
            restore.Add(path, Node(path));
        }
        return tree;
    }

    private static Dictionary<string, (string Data, long Czxid, string Children)> Shape(Tree tree) =>
        tree.Nodes.ToDictionary(
            kv => kv.Key,
            kv => (System.Text.Encoding.UTF8.GetString(kv.Value.Data ?? []), kv.Value.Czxid, string.Join(',', kv.Value.Children.Order(StringComparer.Ordinal))));

    [Fact]
    public void A_depth_first_snapshot_rebuilds_every_node_under_its_parent()
    {
        var tree = Restore(DepthFirst);

        Assert.Equal(11, tree.NodeCount); // the ten listed and /zookeeper/config from the constructor
        Assert.Equal(["a", "a-1", "b", "zookeeper"], tree.Root.Children.Order(StringComparer.Ordinal));
        Assert.Equal(["w", "x"], tree.GetNode("/a")!.Children.Order(StringComparer.Ordinal));
        Assert.Same(tree.GetNode("/a/x/z"), tree.GetNode("/a/x")!.ChildNodes.Single());
        Assert.Equal("/a/x/z", tree.GetNode("/a/x/z")!.Path);
        // The system nodes take the snapshot's copy and keep their children.
        Assert.Equal("/zookeeper", System.Text.Encoding.UTF8.GetString(tree.GetNode("/zookeeper")!.Data!));
        Assert.Equal(["config", "quota"], tree.GetNode("/zookeeper")!.Children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parent_first_orders_that_are_not_depth_first_rebuild_the_same_tree()
    {
        var expected = Shape(Restore(DepthFirst));

        Assert.Equal(expected, Shape(Restore(Sorted)));
        Assert.Equal(expected, Shape(Restore(BreadthFirst)));
        // One node at a time, with no order kept between calls, as before.
        var single = new Tree();
        foreach (var path in BreadthFirst)
        {
            single.RestoreNode(path, Node(path));
        }
        Assert.Equal(expected, Shape(single));
    }

    [Theory]
    [InlineData("", "/a/x")] // no /a at all
    [InlineData("/ab", "/ac/x")] // the previous node has the parent's length but another path
    [InlineData("/a /a/x", "/a/y/z")] // the parent's sibling and grandparent are there
    public void A_node_listed_before_its_parent_is_refused_and_leaves_nothing_behind(string before, string orphan)
    {
        var tree = new Tree();
        var restore = tree.BeginRestore();
        restore.Add("/", Node("/"));
        foreach (var path in before.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            restore.Add(path, Node(path));
        }
        var count = tree.NodeCount;

        var e = Assert.Throws<InvalidOperationException>(() => restore.Add(orphan, Node(orphan)));

        Assert.Contains($"lists {orphan} before its parent", e.Message, StringComparison.Ordinal);
        Assert.Null(tree.GetNode(orphan));
        Assert.Equal(count, tree.NodeCount);
    }
}
