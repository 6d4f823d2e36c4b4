using ZkNet.Persistence.Digest;

namespace ZkNet.Persistence.Tests.Digest;

public sealed class DigestCalculatorTests
{
    private static readonly StatPersisted Stat = new(1, 2, 3, 4, 5, 6, 7, 8, 9);

    [Fact]
    public void Nodes_below_the_zookeeper_node_count_as_zero_but_the_zookeeper_node_itself_counts()
    {
        Assert.Equal(0, DigestCalculator.NodeDigest("/zookeeper/quota", [], Stat));
        Assert.NotEqual(0, DigestCalculator.NodeDigest("/zookeeper", [], Stat));
    }

    [Fact]
    public void The_root_is_digested_under_the_empty_path_as_ZooKeeper_keys_it()
    {
        Assert.Equal(DigestCalculator.NodeDigest("", [1], Stat), DigestCalculator.NodeDigest("/", [1], Stat));
        Assert.NotEqual(DigestCalculator.NodeDigest("/", [1], Stat), DigestCalculator.NodeDigest("/", [2], Stat));
        Assert.NotEqual(DigestCalculator.NodeDigest("/a", [1], Stat), DigestCalculator.NodeDigest("/a", [1], Stat with { Cversion = 7 }));
    }

    [Fact]
    public void The_tree_digest_wraps_around_so_removing_undoes_adding()
    {
        var tree = DigestCalculator.Add(long.MaxValue, 0xFFFF_FFFF);
        Assert.Equal(long.MaxValue, DigestCalculator.Remove(tree, 0xFFFF_FFFF));
    }
}
