using System.Text;
using ZkNet.Protocol;
using ZkNet.Server.DataTree;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>The quota rules of ZooKeeper 3.8's DataTree: which node's stats a change lands in, and when they are recounted.</summary>
public sealed class QuotaTests
{
    private readonly Tree _tree = new();
    private long _zxid = 1;

    [Theory]
    [InlineData("count=5,bytes=10", "count=5,bytes=10", 5, 10, -1, -1)]
    [InlineData("count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=5", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=5", -1, -1, 5, -1)]
    [InlineData("countHardLimit=3;bytes=7", "count=-1,bytes=7=;countHardLimit=3", -1, 7, 3, -1)]
    [InlineData("", "count=-1,bytes=-1", -1, -1, -1, -1)]
    [InlineData("count==,bytes=4", "count=-1,bytes=4", -1, 4, -1, -1)]
    [InlineData(";;count=2,,bytes=x;junk", "count=2,bytes=-1", 2, -1, -1, -1)]
    public void StatsTrack_reads_and_writes_the_text_as_ZooKeeper_does(string text, string written, long count, long bytes,
        long countHard, long bytesHard)
    {
        var track = StatsTrack.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal((count, bytes, countHard, bytesHard), (track.Count, track.Bytes, track.CountHardLimit, track.ByteHardLimit));
        Assert.Equal(written, track.ToString());
    }

    [Fact]
    public void A_tree_without_quotas_has_no_quota_roots_and_writes_touch_no_quota_node()
    {
        Create("/a", "x");
        Create("/zookeeper/quota/a");
        Assert.Empty(_tree.QuotaRoots);
        Assert.Null(_tree.MaxPrefixWithQuota("/a"));
        Assert.Empty(_tree.GetNode("/zookeeper/quota/a")!.Data!);
    }

    [Fact]
    public void Creating_the_stats_node_counts_the_subtree_and_later_writes_adjust_it_without_touching_its_Stat()
    {
        Create("/a", "abc");
        Create("/a/b", "12345");
        SetQuota("/a");
        Assert.Equal("count=2,bytes=8", Stats("/a"));
        var statNode = _tree.GetNode(Tree.StatPath("/a"))!;
        var (mzxid, version, size) = (statNode.Mzxid, statNode.Version, _tree.ApproximateDataSize);

        Create("/a/c", "xy");
        Assert.Equal("count=3,bytes=10", Stats("/a"));
        _tree.Apply(_zxid++, new SetDataTxn("/a/b", "1"u8.ToArray(), 1));
        Assert.Equal("count=3,bytes=6", Stats("/a"));
        _tree.Apply(_zxid++, new DeleteTxn("/a/c"));
        Assert.Equal("count=2,bytes=4", Stats("/a"));

        Assert.Equal((mzxid, version), (statNode.Mzxid, statNode.Version));
        // ZooKeeper's cached data size follows the writes (+2, -4, -2), not the stats text.
        Assert.Equal(size + ("/a/c".Length + 2) - 4 - ("/a/c".Length + 2), _tree.ApproximateDataSize);
    }

    [Fact]
    public void A_change_counts_only_in_the_deepest_quota_and_only_under_whole_path_components()
    {
        Create("/a");
        Create("/a/in");
        SetQuota("/a");
        SetQuota("/a/in");
        Create("/ab", "outside");
        Create("/a/in/x", "1");
        Create("/a/y", "22");

        Assert.Equal("/a/in", _tree.MaxPrefixWithQuota("/a/in/x"));
        Assert.Null(_tree.MaxPrefixWithQuota("/ab"));
        Assert.Equal("count=3,bytes=2", Stats("/a"));
        Assert.Equal("count=2,bytes=1", Stats("/a/in"));
    }

    [Fact]
    public void Deleting_the_limits_node_ends_the_quota_and_the_enclosing_one_takes_over()
    {
        Create("/a");
        Create("/a/in");
        SetQuota("/a");
        SetQuota("/a/in");
        _tree.Apply(_zxid++, new DeleteTxn(Tree.LimitPath("/a/in")));
        Create("/a/in/x", "1");

        Assert.Equal(["/a"], _tree.QuotaRoots);
        Assert.Equal("count=3,bytes=1", Stats("/a"));
        Assert.Equal("count=1,bytes=0", Stats("/a/in"));
    }

    [Fact]
    public void Replaying_a_create_or_delete_that_fails_leaves_the_stats_alone()
    {
        Create("/a");
        SetQuota("/a");
        var create = Txns.Create("/a/x", "123");
        _tree.Apply(_zxid++, create);
        Assert.Equal("count=2,bytes=3", Stats("/a"));

        Assert.Equal((int)ErrorCode.NodeExists, _tree.Apply(_zxid++, create).Err);
        _tree.Apply(_zxid++, new DeleteTxn("/a/x"));
        Assert.Equal((int)ErrorCode.NoNode, _tree.Apply(_zxid++, new DeleteTxn("/a/x")).Err);
        Assert.Equal("count=1,bytes=0", Stats("/a"));
    }

    [Fact]
    public void SetupQuota_after_a_snapshot_recounts_every_quota_from_the_tree()
    {
        Create("/a");
        Create("/a/in");
        SetQuota("/a");
        SetQuota("/a/in");
        Create("/a/in/x", "1");
        Assert.Equal("count=2,bytes=0", Stats("/a")); // live: the nested quota's nodes stay out of /a's count

        var restored = new Tree();
        foreach (var (reference, acl) in _tree.AclCache.Entries)
        {
            restored.AclCache.Restore(reference, acl);
        }
        foreach (var (path, node) in _tree.Nodes.OrderBy(n => n.Key.Length))
        {
            restored.RestoreNode(path, new DataNode(node.Data, node.AclRef, node.Czxid, node.Ctime, node.EphemeralOwner));
        }
        Assert.Empty(restored.QuotaRoots);
        restored.SetupQuota();

        Assert.Equal(["/a", "/a/in"], restored.QuotaRoots.Order(StringComparer.Ordinal));
        Assert.Equal("count=3,bytes=1", Encoding.UTF8.GetString(restored.GetNode(Tree.StatPath("/a"))!.Data!));
        Assert.Equal("count=2,bytes=1", Encoding.UTF8.GetString(restored.GetNode(Tree.StatPath("/a/in"))!.Data!));
    }

    private void Create(string path, string? data = null) =>
        Assert.Equal(0, _tree.Apply(_zxid++, Txns.Create(path, data)).Err);

    // As zkCli's setquota: the parents under /zookeeper/quota, the limits, then the stats node.
    private void SetQuota(string path)
    {
        var node = Tree.QuotaZookeeper;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node += "/" + part;
            _tree.Apply(_zxid++, Txns.Create(node));
        }
        Create(Tree.LimitPath(path), "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=100");
        Create(Tree.StatPath(path), "count=0,bytes=0");
    }

    private string Stats(string path) => Encoding.UTF8.GetString(_tree.GetNode(Tree.StatPath(path))!.Data!);
}
