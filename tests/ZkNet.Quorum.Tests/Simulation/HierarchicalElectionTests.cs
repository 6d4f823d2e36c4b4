using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Tests.Configuration;

namespace ZkNet.Quorum.Tests.Simulation;

/// <summary>
/// Fast leader election over hierarchical quorums (nine members in three groups of three) on virtual time: a round
/// ends only on a majority of the weight in a majority of the groups, and a member of weight 0 is never elected
/// (ZooKeeper's totalOrderPredicate never prefers it), though it ends up following.
/// </summary>
public sealed class HierarchicalElectionTests
{
    private const long Minutes = 60_000;

    internal static QuorumHierarchical NineInThreeGroups(params long[] zeroWeight) => new(
        QuorumHierarchicalTests.Servers(9),
        [new(1, [1, 2, 3]), new(2, [4, 5, 6]), new(3, [7, 8, 9])],
        zeroWeight.Select(sid => new KeyValuePair<long, long>(sid, 0)));

    [Fact]
    public void Nine_members_in_three_groups_elect_the_most_current_member_and_agree_under_loss()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var loss = seed % 2 == 0 ? 0 : 0.2;
            var cluster = new ElectionCluster(seed, NineInThreeGroups(), lossRate: loss, maxDelayMs: 30);
            var random = new Random(seed);
            var initial = cluster.Members.Keys.ToDictionary(sid => sid, _ => (Zxid: (long)random.Next(0, 4), Epoch: (long)random.Next(0, 2)));
            foreach (var (sid, (zxid, epoch)) in initial)
            {
                cluster.Start(sid, zxid, epoch);
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Minutes), $"seed {seed}: not every member decided");

            Assert.True(cluster.Violations.Count == 0, $"seed {seed}: {string.Join("; ", cluster.Violations)}");
            var leader = cluster.Members[1].Election.CurrentVote.Leader;
            if (loss == 0)
            {
                var best = initial.OrderByDescending(kv => kv.Value.Epoch).ThenByDescending(kv => kv.Value.Zxid).ThenByDescending(kv => kv.Key).First().Key;
                Assert.True(leader == best, $"seed {seed}: elected {leader}, expected {best}");
            }
            Assert.Single(cluster.Members.Values, m => m.Election.State == ServerState.Leading);
        }
    }

    [Fact]
    public void Five_of_nine_alive_with_a_majority_in_only_one_group_never_decide_until_a_second_group_has_one()
    {
        // 1, 2, 3, 4 and 7 are a majority of the members but hold a majority of one group only.
        var cluster = new ElectionCluster(7, NineInThreeGroups(), lossRate: 0, maxDelayMs: 20);
        foreach (var sid in new long[] { 1, 2, 3, 4, 7 })
        {
            cluster.Start(sid, 0, 0);
        }

        Assert.False(cluster.RunUntil(() => cluster.Members.Values.Any(m => m.Decisions.Count > 0), 5 * Minutes));

        // A second member of group 2 makes two groups: now they elect, among the six alive.
        cluster.Start(5, 0, 0);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(1, 2, 3, 4, 5, 7), 5 * Minutes));
        Assert.Equal(7, cluster.Members[1].Election.CurrentVote.Leader);
        Assert.Empty(cluster.Violations);
    }

    [Fact]
    public void One_whole_group_alone_never_decides()
    {
        var cluster = new ElectionCluster(3, NineInThreeGroups(), lossRate: 0, maxDelayMs: 20);
        foreach (var sid in new long[] { 4, 5, 6 })
        {
            cluster.Start(sid, 0, 0);
        }

        Assert.False(cluster.RunUntil(() => cluster.Members.Values.Any(m => m.Decisions.Count > 0), 10 * Minutes));
        Assert.All(new long[] { 4, 5, 6 }, sid => Assert.Equal(ServerState.Looking, cluster.Members[sid].Election.State));
    }

    [Fact]
    public void A_zero_weight_member_is_never_elected_even_with_the_newest_txns_and_the_highest_sid_but_follows()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var cluster = new ElectionCluster(seed, NineInThreeGroups(zeroWeight: 9), lossRate: seed % 2 == 0 ? 0 : 0.1, maxDelayMs: 30);
            var random = new Random(seed);
            foreach (var sid in cluster.Members.Keys)
            {
                // Member 9 has the newest epoch and zxid of all: by the usual order it would win every round.
                cluster.Start(sid, sid == 9 ? 10 : random.Next(0, 4), sid == 9 ? 2 : random.Next(0, 2));
            }

            Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Minutes), $"seed {seed}: not every member decided");

            Assert.True(cluster.Violations.Count == 0, $"seed {seed}: {string.Join("; ", cluster.Violations)}");
            Assert.All(cluster.Members.Values, m => Assert.NotEqual(9, m.Election.CurrentVote.Leader));
            Assert.Equal(ServerState.Following, cluster.Members[9].Election.State);
        }
    }

    [Fact]
    public void A_zero_weight_member_and_one_other_member_per_group_are_not_a_quorum()
    {
        // 3 weighs 0: 1 and 3 hold half of group 1's weight (1 of 2), not more; with 4 and 5 only group 2 is won.
        var cluster = new ElectionCluster(5, NineInThreeGroups(zeroWeight: 3), lossRate: 0, maxDelayMs: 20);
        foreach (var sid in new long[] { 1, 3, 4, 5 })
        {
            cluster.Start(sid, 0, 0);
        }

        Assert.False(cluster.RunUntil(() => cluster.Members.Values.Any(m => m.Decisions.Count > 0), 5 * Minutes));

        cluster.Start(2, 0, 0);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(1, 2, 3, 4, 5), 5 * Minutes));
        Assert.Equal(5, cluster.Members[3].Election.CurrentVote.Leader);
    }
}
