using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>The nodes every ZooKeeper tree starts with, as a fresh Apache ZooKeeper 3.8 reports them.</summary>
public sealed class SystemNodeTests
{
    private readonly Tree _tree = new();

    [Fact]
    public void Fresh_tree_holds_only_the_root_and_zookeepers_own_nodes()
    {
        Assert.Equal(4, _tree.NodeCount);
        Assert.Equal(["zookeeper"], _tree.GetNode("/")!.Children);
        Assert.Equal(["config", "quota"], _tree.GetNode("/zookeeper")!.Children.Order(StringComparer.Ordinal));
        Assert.Empty(_tree.GetNode("/zookeeper/quota")!.Children);
        Assert.Empty(_tree.GetNode("/zookeeper/config")!.Children);
        Assert.Equal(0, _tree.LastProcessedZxid);
    }

    [Fact]
    public void System_nodes_were_added_without_counting_as_child_creations()
    {
        // A fresh Apache ZooKeeper reports cversion -1 for / and -2 for /zookeeper (stored 0, minus the children).
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0), _tree.StatAt("/"));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0), _tree.StatAt("/zookeeper"));
        Assert.Equal(new Stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), _tree.StatAt("/zookeeper/quota"));
    }

    [Fact]
    public void Config_node_is_read_only_for_everyone_with_aversion_minus_one()
    {
        var config = _tree.GetNode("/zookeeper/config")!;

        Assert.Equal(-1, _tree.StatOf(config).Aversion);
        Assert.Equal([new Acl(Perms.Read, new Id("world", "anyone"))], _tree.GetAcl(config));
    }

    [Fact]
    public void Root_zookeeper_and_quota_are_open_to_everyone()
    {
        foreach (var path in new[] { "/", "/zookeeper", "/zookeeper/quota" })
        {
            Assert.Equal(Acl.OpenAclUnsafe, _tree.GetAcl(_tree.GetNode(path)!));
        }
    }

    [Fact]
    public void Descendants_of_the_root_include_zookeepers_own_nodes()
    {
        // getAllChildrenNumber("/") on a fresh Apache ZooKeeper is 3.
        Assert.Equal(3, _tree.CountDescendants("/"));
        Assert.Equal(2, _tree.CountDescendants("/zookeeper"));
        Assert.Equal(0, _tree.CountDescendants("/zookeeper/quota"));
    }

    [Fact]
    public void Descendants_are_counted_at_every_depth()
    {
        _tree.Apply(1, Txns.Create("/a"));
        _tree.Apply(2, Txns.Create("/a/b"));
        _tree.Apply(3, Txns.Create("/a/b/c"));
        _tree.Apply(4, Txns.Create("/a/d"));
        _tree.Apply(5, Txns.Create("/ab"));

        Assert.Equal(3, _tree.CountDescendants("/a"));
        Assert.Equal(1, _tree.CountDescendants("/a/b"));
        Assert.Equal(0, _tree.CountDescendants("/ab"));
        Assert.Equal(8, _tree.CountDescendants("/"));
    }
}
