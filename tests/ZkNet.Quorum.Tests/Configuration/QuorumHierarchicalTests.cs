using ZkNet.Quorum.Configuration;

namespace ZkNet.Quorum.Tests.Configuration;

/// <summary>
/// Hierarchical quorums as ZooKeeper 3.8's QuorumHierarchical decides them (containsQuorum, computeGroupWeight,
/// parse) and prints them (toString). The expected texts were written from toString as read in Apache's source and
/// confirmed by running the 3.8.0 class from the Debian jar on the same lines.
/// </summary>
public sealed class QuorumHierarchicalTests
{
    // zookeeperAdmin.md's example: three groups of three, every weight 1.
    private static QuorumHierarchical AdminGuideExample(params (long Sid, long Weight)[] weights) => new(
        Servers(9),
        [new(1, [1, 2, 3]), new(2, [4, 5, 6]), new(3, [7, 8, 9])],
        weights.Select(w => new KeyValuePair<long, long>(w.Sid, w.Weight)));

    [Theory]
    [InlineData(new long[] { 1, 2, 4, 5 }, true)]      // two of three in two of three groups
    [InlineData(new long[] { 1, 2, 3, 4, 5, 6 }, true)]
    [InlineData(new long[] { 2, 3, 7, 9 }, true)]
    [InlineData(new long[] { 1, 2, 3 }, false)]        // one whole group is not a majority of groups
    [InlineData(new long[] { 1, 2, 3, 4, 7 }, false)]  // one group won, two only touched
    [InlineData(new long[] { 1, 4, 7 }, false)]        // a member of every group, a majority of none
    [InlineData(new long[] { 1, 2, 4, 5, 4, 5 }, true)] // duplicates count once
    [InlineData(new long[] { 1, 4, 4, 4 }, false)]
    [InlineData(new long[] { }, false)]
    public void The_admin_guides_example_needs_a_majority_in_a_majority_of_groups(long[] sids, bool quorum)
    {
        Assert.Equal(quorum, AdminGuideExample().ContainsQuorum(sids));
    }

    [Fact]
    public void A_set_needs_more_than_half_of_a_groups_weight_not_of_its_members()
    {
        // Group 1 weighs 5 (1 has weight 3): member 1 alone holds more than half of it; 2 and 3 together do not.
        var config = AdminGuideExample((1, 3));

        Assert.True(config.ContainsQuorum([1, 4, 5]));
        Assert.False(config.ContainsQuorum([2, 3, 4, 5]));
        Assert.Equal(3, config.Weight(1));
        Assert.Equal(1, config.Weight(2));
    }

    [Fact]
    public void Zero_weight_members_add_nothing_and_zero_weight_groups_are_not_counted()
    {
        // Group 3 weighs 0: a quorum needs both other groups (more than half of 2), and 7, 8, 9 never help.
        var config = AdminGuideExample((7, 0), (8, 0), (9, 0));

        Assert.Equal(2, config.CountedGroups);
        Assert.False(config.ContainsQuorum([1, 2, 7, 8, 9]));
        Assert.True(config.ContainsQuorum([1, 2, 4, 5]));
        Assert.Equal(0, config.Weight(8));
        // A zero-weight member within a weighted group: 3 cannot complete group 1's majority (2 of weight 2 needed).
        var partial = AdminGuideExample((3, 0));
        Assert.False(partial.ContainsQuorum([1, 3, 4, 5]));
        Assert.True(partial.ContainsQuorum([1, 2, 4, 5]));
    }

    [Fact]
    public void Observers_and_strangers_never_count_and_weigh_nothing()
    {
        var config = new QuorumHierarchical(
            [.. Servers(4), QuorumServer.Parse(5, "127.0.0.1:2885:3885:observer")],
            [new(1, [1, 2]), new(2, [3, 4])],
            [new(5, 3)]);

        Assert.False(config.ContainsQuorum([1, 2, 3, 5, 42]));
        Assert.True(config.ContainsQuorum([1, 2, 3, 4, 5]));
        Assert.Equal(0, config.Weight(5));
        Assert.Equal([1L, 2, 3, 4], config.Voters.Order());
    }

    [Fact]
    public void The_config_text_is_ZooKeepers_toString_byte_for_byte()
    {
        // Group members listed out of order print in hash order; defaulted weights print too; an observer's explicit
        // weight prints; a group of weight 0 still prints.
        var config = new QuorumHierarchical(
            [.. Servers(8), QuorumServer.Parse(9, "127.0.0.1:2889:3889:observer")],
            [new(1, [3, 1, 2]), new(2, [4, 5, 6]), new(3, [7, 8])],
            [new(3, 0), new(9, 1)]);

        Assert.Equal(
            "server.1=127.0.0.1:2881:3881:participant\nserver.2=127.0.0.1:2882:3882:participant\n" +
            "server.3=127.0.0.1:2883:3883:participant\nserver.4=127.0.0.1:2884:3884:participant\n" +
            "server.5=127.0.0.1:2885:3885:participant\nserver.6=127.0.0.1:2886:3886:participant\n" +
            "server.7=127.0.0.1:2887:3887:participant\nserver.8=127.0.0.1:2888:3888:participant\n" +
            "server.9=127.0.0.1:2889:3889:observer\n" +
            "group.1=1:2:3\ngroup.2=4:5:6\ngroup.3=7:8\n" +
            "weight.1=1\nweight.2=1\nweight.3=0\nweight.4=1\nweight.5=1\nweight.6=1\nweight.7=1\nweight.8=1\nweight.9=1\n" +
            "version=0",
            config.ToConfigText());
    }

    [Fact]
    public void The_config_text_walks_Java_hash_buckets_so_colliding_ids_print_in_insertion_order()
    {
        // 17 and 1 share bucket 1 of a 16-bucket table, 20 and 4 bucket 4: ZooKeeper prints 1, 17, 2 (not sorted,
        // not as given), group 20 before group 4, and weight 17 (given) before the defaulted 1 and 2.
        var config = new QuorumHierarchical(
            [QuorumServer.Parse(1, "127.0.0.1:2881:3881"), QuorumServer.Parse(2, "127.0.0.1:2882:3882"),
             QuorumServer.Parse(17, "127.0.0.1:2897:3897;127.0.0.1:2181")],
            [new(20, [17]), new(4, [2, 1])],
            [new(17, 2)],
            version: 0x1a);

        Assert.Equal(
            "server.1=127.0.0.1:2881:3881:participant\nserver.17=127.0.0.1:2897:3897:participant;127.0.0.1:2181\n" +
            "server.2=127.0.0.1:2882:3882:participant\n" +
            "group.20=17\ngroup.4=1:2\n" +
            "weight.17=2\nweight.1=1\nweight.2=1\n" +
            "version=1a",
            config.ToConfigText());
        // Group 4 weighs 2, group 20 weighs 2: both groups are needed.
        Assert.False(config.ContainsQuorum([17]));
        Assert.False(config.ContainsQuorum([1, 2]));
        Assert.False(config.ContainsQuorum([1, 17]));
        Assert.True(config.ContainsQuorum([1, 2, 17]));
    }

    [Fact]
    public void Java_hash_order_grows_the_table_past_three_quarters()
    {
        // 12 keys fit 16 buckets (16 lands in bucket 0, after nothing else there); 13 keys take 32 buckets.
        Assert.Equal([16L, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], JavaHashOrder.Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16]));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16], JavaHashOrder.Of([16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
        Assert.Equal(5, JavaHashOrder.Bucket(5L << 32, 16)); // the high word folds in as Long.hashCode does
    }

    [Fact]
    public void Majority_config_text_walks_Java_hash_buckets_too()
    {
        var config = new QuorumMaj([QuorumServer.Parse(2, "h:1:2"), QuorumServer.Parse(17, "h:3:4"), QuorumServer.Parse(1, "h:5:6")]);

        Assert.Equal("server.17=h:3:4:participant\nserver.1=h:5:6:participant\nserver.2=h:1:2:participant\nversion=0", config.ToConfigText());
    }

    [Theory]
    [InlineData("two groups", "server 2 is in group.1 and group.2: list each server in exactly one group")]
    [InlineData("twice in one group", "group.1 lists server 2 twice")]
    [InlineData("not in a group", "server.3 is in no group")]
    [InlineData("observer in a group", "group.2 lists server 4, an observer")]
    [InlineData("unknown in a group", "group.2 lists server 9, which has no server.9 line")]
    [InlineData("negative weight", "weight.2 is -1: a weight is 0 or more")]
    [InlineData("all zero", "every group weighs 0")]
    [InlineData("empty group", "group.2 lists no server")]
    public void Configurations_that_cannot_work_are_refused_with_the_key_and_the_fix(string what, string message)
    {
        List<QuorumServer> servers = [.. Servers(3), QuorumServer.Parse(4, "127.0.0.1:2884:3884:observer")];
        (KeyValuePair<long, IReadOnlyList<long>>[] Groups, KeyValuePair<long, long>[] Weights) config = what switch
        {
            "two groups" => ([new(1, [1, 2]), new(2, [2, 3])], []),
            "twice in one group" => ([new(1, [1, 2, 2, 3])], []),
            "not in a group" => ([new(1, [1, 2])], []),
            "observer in a group" => ([new(1, [1, 2, 3]), new(2, [4])], []),
            "unknown in a group" => ([new(1, [1, 2, 3]), new(2, [9])], []),
            "negative weight" => ([new(1, [1, 2, 3])], [new(2, -1)]),
            "all zero" => ([new(1, [1, 2, 3])], [new(1, 0), new(2, 0), new(3, 0)]),
            "empty group" => ([new(1, [1, 2, 3]), new(2, [])], []),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var error = Assert.Throws<QuorumConfigException>(() => new QuorumHierarchical(servers, config.Groups, config.Weights));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    internal static List<QuorumServer> Servers(int count) =>
        [.. Enumerable.Range(1, count).Select(i => QuorumServer.Parse(i, $"127.0.0.1:{2880 + i}:{3880 + i}"))];
}
