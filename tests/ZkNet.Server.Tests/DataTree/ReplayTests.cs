using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>
/// Recovery replays the log over a fuzzy snapshot, so a txn may meet a tree that already reflects it. Applying it
/// again must leave the tree as ZooKeeper's DataTree.processTxn leaves it.
/// </summary>
public sealed class ReplayTests
{
    private readonly Tree _tree = new();

    [Fact]
    public void Applying_a_create_twice_reports_NodeExists_and_keeps_the_first_node()
    {
        var create = Txns.Create("/a", "first", parentCVersion: 1);
        _tree.Apply(2, create);
        var rootBefore = _tree.StatAt("/");

        var again = _tree.Apply(2, create);

        Assert.Equal((int)ErrorCode.NodeExists, again.Err);
        Assert.Equal(rootBefore, _tree.StatAt("/"));
        Assert.Equal(2, _tree.StatAt("/a").Czxid);
        Assert.Equal("first"u8.ToArray(), _tree.GetNode("/a")!.Data);
        Assert.Equal(5, _tree.NodeCount);
    }

    [Fact]
    public void Replayed_create_of_a_node_the_snapshot_already_has_catches_the_parent_up()
    {
        // The snapshot serialized /p before its child was created and the child after: /p's counters are stale.
        _tree.Apply(2, Txns.Create("/p"));
        _tree.Apply(3, Txns.Create("/p/c"));
        var parent = _tree.GetNode("/p")!;
        parent.Cversion = 0;
        parent.Pzxid = 2;

        var replay = _tree.Apply(3, Txns.Create("/p/c", parentCVersion: 1));

        Assert.Equal((int)ErrorCode.NodeExists, replay.Err);
        Assert.Equal(1, parent.Cversion);
        Assert.Equal(3, parent.Pzxid);
    }

    [Fact]
    public void Replayed_create_gives_a_node_whose_acl_reference_the_snapshot_lacks_the_acl_of_the_txn()
    {
        // As a fuzzy snapshot leaves it: the node was serialized with a reference born after the ACL cache was.
        var acl = new List<Acl> { new(Perms.Read, new Id("ip", "10.1.2.3")) };
        _tree.RestoreNode("/a", new DataNode([], 42, 2, Txns.BaseTime, 0));

        var replay = _tree.Apply(2, Txns.Create("/a", acl: acl, parentCVersion: 1));

        Assert.Equal((int)ErrorCode.NodeExists, replay.Err);
        Assert.Equal(acl, _tree.GetAcl(_tree.GetNode("/a")!));
    }

    [Fact]
    public void Replayed_create_keeps_the_acl_of_a_node_whose_reference_resolves()
    {
        var first = new List<Acl> { new(Perms.Read, new Id("ip", "10.1.2.3")) };
        _tree.Apply(2, Txns.Create("/a", acl: first));

        _tree.Apply(2, Txns.Create("/a", acl: Acl.OpenAclUnsafe, parentCVersion: 1));

        Assert.Equal(first, _tree.GetAcl(_tree.GetNode("/a")!));
    }

    [Fact]
    public void Replayed_create_never_moves_the_parent_counters_backwards()
    {
        _tree.Apply(2, Txns.Create("/p"));
        var parent = _tree.GetNode("/p")!;
        parent.Cversion = 5;
        parent.Pzxid = 10;

        // A child created and deleted inside the snapshot's range is created again by the replay.
        var replay = _tree.Apply(8, Txns.Create("/p/x", parentCVersion: 3));

        Assert.Equal(0, replay.Err);
        Assert.Equal(5, parent.Cversion);
        Assert.Equal(10, parent.Pzxid);
        Assert.Equal(8, _tree.StatAt("/p/x").Czxid);
    }

    [Fact]
    public void Create_with_parent_cversion_minus_one_counts_from_the_parent()
    {
        _tree.Apply(2, Txns.Create("/p"));
        _tree.Apply(3, Txns.Create("/p/a", parentCVersion: -1));
        _tree.Apply(4, Txns.Create("/p/b", parentCVersion: -1));

        Assert.Equal(2, _tree.GetNode("/p")!.Cversion);
    }

    [Fact]
    public void Delete_of_a_missing_node_reports_NoNode_but_still_moves_the_parent_pzxid_forward()
    {
        _tree.Apply(2, Txns.Create("/p"));

        var result = _tree.Apply(7, new DeleteTxn("/p/gone"));

        Assert.Equal((int)ErrorCode.NoNode, result.Err);
        Assert.Equal(7, _tree.StatAt("/p").Pzxid);
        Assert.Equal(0, _tree.StatAt("/p").NumChildren);
    }

    [Fact]
    public void Delete_replayed_behind_a_later_create_keeps_the_higher_pzxid()
    {
        _tree.Apply(2, Txns.Create("/p"));
        _tree.Apply(9, Txns.Create("/p/later"));

        _tree.Apply(5, new DeleteTxn("/p/gone"));

        Assert.Equal(9, _tree.StatAt("/p").Pzxid);
        Assert.Equal(9, _tree.LastProcessedZxid);
    }

    [Fact]
    public void Delete_under_a_missing_parent_reports_NoNode()
    {
        Assert.Equal((int)ErrorCode.NoNode, _tree.Apply(2, new DeleteTxn("/nope/x")).Err);
    }

    [Fact]
    public void Last_processed_zxid_only_moves_forward()
    {
        _tree.Apply(10, Txns.Create("/a"));
        _tree.Apply(4, Txns.Create("/b"));

        Assert.Equal(10, _tree.LastProcessedZxid);
    }

    [Fact]
    public void Error_and_session_txns_leave_the_tree_alone()
    {
        var error = _tree.Apply(2, new ErrorTxn((int)ErrorCode.BadVersion));
        _tree.Apply(3, new CreateSessionTxn(30000), session: 5);
        _tree.Apply(4, new CheckVersionTxn("/zookeeper", 1));

        Assert.Equal((int)ErrorCode.BadVersion, error.Err);
        Assert.Equal(4, _tree.NodeCount);
        Assert.Equal(4, _tree.LastProcessedZxid);
    }
}
