using ZkNet.Protocol;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// NEWLEADER: a learner's ACK and its new currentEpoch are statements that the sync's txns are on its disk. Each test
/// strikes with a power cut (<see cref="ZabCluster.CrashAfter"/>) at the moment one Apache ZooKeeper release had
/// them in memory only.
/// </summary>
public sealed partial class SyncRegressionTests
{
    /// <summary>
    /// ZOOKEEPER-4643: a stale follower syncing by DIFF from a new leader crashes with it right after NEWLEADER, before
    /// the DIFF's txns reach its disk. Had it written the new currentEpoch then (3.8.0 does), that epoch would make it
    /// leader over the old leader, which holds the txns, and truncate them away everywhere.
    /// </summary>
    [Fact]
    public void A_learner_crashing_right_after_NEWLEADER_does_not_come_back_with_an_epoch_its_disk_does_not_back()
    {
        var cluster = new ZabCluster(27, participants: 3);
        var (lagging, _) = LagOneFollower(cluster, missedWrites: 6);
        var oldLeader = cluster.Members.Values.Single(m => m.Leader is not null).Sid;

        // The old leader goes; the lagging follower syncs from the other one, and both crash right after NEWLEADER.
        cluster.Crash(oldLeader);
        cluster.CrashAfter = (sid, packet) => sid == lagging && packet.Type == QuorumPacketType.NewLeader;
        cluster.Restart(lagging);
        Assert.True(cluster.RunUntil(() => cluster.CrashAfter is null, 30 * Second), "the lagging follower got no NEWLEADER");

        // The lagging follower and the old leader come back first; the one with the writes must be the one to lead.
        cluster.Restart(lagging);
        cluster.Restart(oldLeader);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(lagging, oldLeader), 30 * Second));
        Assert.All(cluster.Acknowledged, w => Assert.Contains(w, Payloads(cluster, lagging)));
        AssertEveryoneConverges(cluster);
    }

    /// <summary>
    /// ZOOKEEPER-3911 (crash on UPTODATE) and 4646 (crash once the leader counts the NEWLEADER ACK): txns only the new
    /// leader held are committed when a quorum acknowledges its NEWLEADER. Before 3911 the learner logged them after
    /// UPTODATE; in 3.8.0 its ACK can overtake their asynchronous write. If the leader and that learner then crash, and
    /// the leader never returns, the members left must still hold them.
    /// </summary>
    [Theory]
    [InlineData(QuorumPacketType.UpToDate)]
    [InlineData(QuorumPacketType.Ack)]
    public void Txns_committed_by_NEWLEADER_acks_survive_the_leader_and_the_acking_learner_crashing_at_once(QuorumPacketType crashAfter)
    {
        var cluster = new ZabCluster(29, participants: 3);
        var leader = StartWithOneWrite(cluster);
        var (synced, stale) = (cluster.Members.Keys.First(s => s != leader), cluster.Members.Keys.Last(s => s != leader));

        // With both followers down, the leader logs txns nobody else has, then steps down for want of a quorum.
        cluster.Crash(synced);
        cluster.Crash(stale);
        for (var i = 0; i < 3; i++)
        {
            cluster.Members[leader].ProposeWrite($"only-on-leader{i}");
        }
        Assert.True(cluster.RunUntil(() => cluster.Members[leader].Leader is null && !cluster.Members[leader].Db.HasUnflushed, 10 * Second));
        cluster.Crash(leader);

        // It leads the next epoch with one follower, whose disk is slow; the power goes as the sync completes (the
        // learner's first ACK is its NEWLEADER ACK).
        cluster.Members[synced].DiskDelayMs = 300;
        cluster.CrashAfter = (sid, packet) => sid == synced && packet.Type == crashAfter;
        cluster.Restart(leader);
        cluster.Restart(synced);
        Assert.True(cluster.RunUntil(() => cluster.CrashAfter is null, 30 * Second), $"no {crashAfter} of the sync");
        Assert.Contains("only-on-leader2", cluster.Acknowledged);

        // The old leader stays down: the other two must hold what it established.
        cluster.Members[synced].DiskDelayMs = null;
        cluster.Restart(synced);
        cluster.Restart(stale);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(synced, stale), 30 * Second));
        Assert.All(cluster.Acknowledged, w => Assert.Contains(w, Payloads(cluster, stale)));
        AssertEveryoneConverges(cluster);
    }
}
