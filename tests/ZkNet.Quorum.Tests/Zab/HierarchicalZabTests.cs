using ZkNet.Quorum.Tests.Simulation;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// Election and ZAB over hierarchical quorums on virtual time (nine members, three groups of three): the leader
/// commits on acks from a majority of the weight in a majority of the groups, a zero-weight member's acks add
/// nothing, and the leader steps down when its followers no longer make such a quorum.
/// </summary>
public sealed class HierarchicalZabTests
{
    private const long Second = 1000;

    [Fact]
    public void Writes_commit_on_two_groups_without_a_majority_of_members_and_stop_on_a_majority_in_one_group()
    {
        var cluster = new ZabCluster(21, HierarchicalElectionTests.NineInThreeGroups());
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second), "no leader was established");
        var leader = LeaderSid(cluster);
        var groups = new[] { new long[] { 1, 2, 3 }, [4, 5, 6], [7, 8, 9] };
        var own = groups.Single(g => g.Contains(leader)).Where(s => s != leader).ToList();
        var (a, b) = (groups.First(g => !g.Contains(leader)), groups.Last(g => !g.Contains(leader)));

        // Four of nine alive, two in the leader's group and two in another: no majority of members, yet two groups
        // of three each hold two. The leader keeps committing.
        cluster.Crash(own[1]);
        cluster.Crash(a[2]);
        foreach (var sid in b)
        {
            cluster.Crash(sid);
        }
        var before = cluster.Acknowledged.Count;
        cluster.WriteEvery(10, cluster.Now + Second);
        cluster.RunUntil(() => false, 2 * Second);
        Assert.True(cluster.Acknowledged.Count > before + 50, $"only {cluster.Acknowledged.Count - before} writes acknowledged on two groups");
        Assert.Equal(leader, LeaderSid(cluster));

        // Five of nine alive, the leader's whole group and one member of each other group: a majority of members but
        // a majority in one group only. Nothing is committed and nobody leads.
        cluster.Crash(a[1]);
        cluster.Restart(own[1]);
        cluster.Restart(b[0]);
        cluster.RunUntil(() => false, 3 * Second);
        var stalled = cluster.Acknowledged.Count;
        cluster.WriteEvery(10, cluster.Now + 2 * Second);
        cluster.RunUntil(() => false, 5 * Second);
        Assert.Equal(stalled, cluster.Acknowledged.Count);
        Assert.DoesNotContain(cluster.Members.Values, m => m.Alive && m.Leader is { Phase: LeaderPhase.Broadcast });

        // Everyone returns: a leader is established again and every acknowledged write survives everywhere.
        foreach (var sid in new[] { a[1], a[2], b[1], b[2] })
        {
            cluster.Restart(sid);
        }
        ZabSimulationTests.AssertConverged(cluster, seed: 21);
    }

    [Fact]
    public void A_zero_weight_followers_acks_do_not_complete_a_quorum_but_it_receives_every_write()
    {
        // 3 and 6 weigh 0. Once 2 and 5 are down, group 1 holds weight 1 of 2 through 1 alone, and 3's ack adds
        // nothing: no group but the leader's can be won, whoever leads.
        var cluster = new ZabCluster(22, HierarchicalElectionTests.NineInThreeGroups(3, 6));
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second), "no leader was established");
        Assert.DoesNotContain(LeaderSid(cluster), new long[] { 3, 6 });
        cluster.WriteEvery(10, cluster.Now + Second);
        cluster.RunUntil(() => false, 2 * Second);
        ZabSimulationTests.AssertConverged(cluster, seed: 22); // 3 and 6 hold every write too

        foreach (var sid in new long[] { 2, 5, 8, 9 })
        {
            cluster.Crash(sid);
        }
        // Alive: 1, 3 (weight 0), 4, 6 (weight 0), 7. Each group has at most one weighted member of two: no quorum.
        cluster.RunUntil(() => false, 3 * Second);
        var before = cluster.Acknowledged.Count;
        cluster.WriteEvery(10, cluster.Now + 2 * Second);
        cluster.RunUntil(() => false, 5 * Second);
        Assert.Equal(before, cluster.Acknowledged.Count);
        Assert.DoesNotContain(cluster.Members.Values, m => m.Alive && m.Leader is { Phase: LeaderPhase.Broadcast });
    }

    private static long LeaderSid(ZabCluster cluster) =>
        cluster.Members.Values.Single(m => m.Alive && m.Leader is { Phase: LeaderPhase.Broadcast }).Sid;
}
