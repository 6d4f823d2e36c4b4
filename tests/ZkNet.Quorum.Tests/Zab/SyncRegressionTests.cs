using System.Text;
using ZkNet.Protocol;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// Apache ZooKeeper's follower-sync data-loss bugs, each replayed on the simulated ensemble (docs/quorum-protocol.md
/// §8): whatever a member reports is backed by its disk, and after the sync is broken at the worst moment every
/// acknowledged write survives and every member converges.
/// </summary>
public sealed partial class SyncRegressionTests
{
    private const long Second = 1000;

    /// <summary>
    /// ZOOKEEPER-3642 (and 5094 for TRUNC): the leader goes away after a SNAP (or a TRUNC and its txns) but before
    /// NEWLEADER. The learner must not keep, or report, a state its disk does not hold.
    /// </summary>
    [Theory]
    [InlineData(QuorumPacketType.Snap, 60)]
    [InlineData(QuorumPacketType.Diff, 5)]
    public void A_sync_cut_before_NEWLEADER_leaves_the_learner_with_what_its_disk_holds(QuorumPacketType cutAfter, int missedWrites)
    {
        var cluster = new ZabCluster(21, participants: 3);
        var (lagging, durableBefore) = LagOneFollower(cluster, missedWrites);

        cluster.CutAfter = (sid, packet) => sid == lagging && packet.Type == cutAfter;
        cluster.Restart(lagging);
        Assert.True(cluster.RunUntil(() => cluster.CutAfter is null, 30 * Second), $"no {cutAfter} reached the lagging follower");
        Assert.True(cluster.RunUntil(() => cluster.Members[lagging].Learner is null, 10 * Second));

        var db = cluster.Members[lagging].Db;
        Assert.Equal(durableBefore, db.LastLoggedZxid);
        Assert.Equal(durableBefore, db.LastProcessedZxid);
        AssertEveryoneConverges(cluster);
    }

    /// <summary>
    /// ZOOKEEPER-5094: a learner with txns nobody committed is truncated, then the sync breaks before NEWLEADER. Its
    /// log must not keep a hole between the truncation point and what it is sent next.
    /// </summary>
    [Fact]
    public void A_truncation_cut_before_NEWLEADER_leaves_no_hole_in_the_learners_log()
    {
        var cluster = new ZabCluster(23, participants: 3);
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        var leader = cluster.Members.Values.Single(m => m.Leader is not null);
        var followers = cluster.Members.Keys.Where(s => s != leader.Sid).ToList();

        // The leader logs txns that never reach a quorum, then dies; the others go on without them.
        cluster.Partition([leader.Sid]);
        for (var i = 0; i < 3; i++)
        {
            leader.ProposeWrite($"orphan{i}");
        }
        cluster.RunUntil(() => false, Second);
        cluster.Crash(leader.Sid);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong([.. followers]), 30 * Second));
        cluster.Heal();

        // The old leader comes back ahead of the new one's history: it must be truncated; the sync is cut right
        // after the TRUNC, and writes go on meanwhile.
        cluster.WriteEvery(50, cluster.Now + 2 * Second);
        cluster.CutAfter = (sid, packet) => sid == leader.Sid && packet.Type == QuorumPacketType.Trunc;
        cluster.Restart(leader.Sid);
        Assert.True(cluster.RunUntil(() => cluster.CutAfter is null, 30 * Second), "the old leader was not truncated");

        AssertEveryoneConverges(cluster);
        Assert.DoesNotContain(cluster.Members[leader.Sid].Db.Applied, t => Encoding.UTF8.GetString(t.Data).StartsWith("orphan", StringComparison.Ordinal));
    }

    /// <summary>
    /// ZOOKEEPER-4785: a learner that had the DIFF's txns queued for its disk is bounced before they were written.
    /// On rejoining it reports what its disk holds, so the leader sends them again.
    /// </summary>
    [Fact]
    public void A_learner_bounced_before_its_DIFF_was_written_reports_its_disk_and_gets_the_txns_again()
    {
        var cluster = new ZabCluster(25, participants: 3);
        var (lagging, durableBefore) = LagOneFollower(cluster, missedWrites: 8);
        cluster.Members[lagging].DiskDelayMs = 5 * (int)Second;

        cluster.CutAfter = (sid, packet) => sid == lagging && packet.Type == QuorumPacketType.NewLeader;
        cluster.Restart(lagging);
        Assert.True(cluster.RunUntil(() => cluster.CutAfter is null, 30 * Second));
        Assert.True(cluster.RunUntil(() => cluster.Members[lagging].Learner is null, 10 * Second));
        Assert.Equal(durableBefore, cluster.Members[lagging].Db.LastLoggedZxid);

        cluster.Members[lagging].DiskDelayMs = null;
        AssertEveryoneConverges(cluster);
    }

    /// <summary>Three members settle; one follower is crashed while <paramref name="missedWrites"/> writes commit.</summary>
    private static (long Lagging, long DurableBefore) LagOneFollower(ZabCluster cluster, int missedWrites)
    {
        var leader = StartWithOneWrite(cluster);
        var lagging = cluster.Members.Keys.First(s => s != leader);
        cluster.Crash(lagging);
        var durableBefore = cluster.Members[lagging].Db.LastLoggedZxid;
        var target = cluster.Acknowledged.Count + missedWrites;
        cluster.WriteEvery(20, cluster.Now + 20 * missedWrites);
        Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count >= target, 30 * Second));
        return (lagging, durableBefore);
    }

    /// <summary>Starts every member and waits until they settle with one write acknowledged; returns the leader's sid.</summary>
    private static long StartWithOneWrite(ZabCluster cluster)
    {
        cluster.StartAll();
        Assert.True(cluster.RunUntil(() => cluster.Settled, 30 * Second));
        cluster.WriteEvery(10, cluster.Now + 10);
        Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count == 1 && cluster.Settled, 10 * Second));
        return cluster.Members.Values.Single(m => m.Leader is not null).Sid;
    }

    private static List<string> Payloads(ZabCluster cluster, long sid) =>
        cluster.Members[sid].Db.Applied.Select(t => Encoding.UTF8.GetString(t.Data)).ToList();

    private static void AssertEveryoneConverges(ZabCluster cluster)
    {
        foreach (var member in cluster.Members.Values.Where(m => !m.Alive))
        {
            cluster.Restart(member.Sid);
        }
        Assert.True(cluster.RunUntil(() => cluster.Settled, 60 * Second), "the ensemble did not settle");
        Assert.Empty(cluster.Violations);
        var histories = cluster.Members.Values.Select(m => string.Join(",", m.Db.Applied.Select(t => t.Zxid))).Distinct().ToList();
        Assert.Single(histories);
        var final = cluster.Members.Values.First().Db.Applied.Select(t => Encoding.UTF8.GetString(t.Data)).ToHashSet();
        Assert.All(cluster.Acknowledged, w => Assert.Contains(w, final));
    }
}
