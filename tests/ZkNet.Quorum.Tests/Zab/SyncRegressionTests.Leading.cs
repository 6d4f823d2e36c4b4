namespace ZkNet.Quorum.Tests.Zab;

/// <summary>What a member leads from after it caught up or recovered: its committed window and its reloaded log.</summary>
public sealed partial class SyncRegressionTests
{
    /// <summary>
    /// ZOOKEEPER-4925: a follower caught up by DIFF, later led, and DIFFed a member as stale as it had been from a
    /// committed log missing the txns its own sync brought (3.9.3's learner applied them without logging them there),
    /// so that member silently skipped them. ZkNet builds the window from its database; here the database is given that
    /// very hole, and the leader must send a snapshot rather than a DIFF across it.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(0)]
    public void A_leader_whose_committed_window_has_a_hole_never_DIFFs_a_stale_member_across_it(int writesAfterSync)
    {
        var cluster = new ZabCluster(31, participants: 5);
        var leader = StartWithOneWrite(cluster);
        // The rejoining follower has the highest sid of the followers, so it wins the tie with the bystander later.
        var followers = cluster.Members.Keys.Where(s => s != leader).OrderByDescending(s => s).ToList();
        var (rejoining, bystander, gone, stale) = (followers[0], followers[1], followers[2], followers[3]);

        // Two followers miss a run of writes; one catches up by DIFF and its window then lacks what the DIFF brought.
        cluster.Crash(rejoining);
        cluster.Crash(stale);
        var before = cluster.Members[rejoining].Db.LastLoggedZxid;
        var target = cluster.Acknowledged.Count + 8;
        cluster.WriteEvery(20, cluster.Now + 200);
        Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count >= target, 10 * Second));
        cluster.Restart(rejoining);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(leader, rejoining, bystander, gone), 30 * Second));
        cluster.Members[rejoining].Db.WindowHole = (before, cluster.Members[rejoining].Db.LastProcessedZxid);
        if (writesAfterSync > 0)
        {
            // Without these the hole is at the window's end: it stops short of the last committed zxid.
            target = cluster.Acknowledged.Count + writesAfterSync;
            cluster.WriteEvery(20, cluster.Now + (20 * writesAfterSync));
            Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count >= target && cluster.SettledAmong(leader, rejoining, bystander, gone), 10 * Second));
        }

        // It leads the next epoch, and the other stale member, at the very zxid the hole starts after, syncs from it.
        cluster.Crash(leader);
        cluster.Crash(gone);
        cluster.Restart(stale);
        Assert.True(cluster.RunUntil(() => cluster.SettledAmong(rejoining, bystander, stale), 30 * Second));
        Assert.NotNull(cluster.Members[rejoining].Leader);
        Assert.All(cluster.Acknowledged, w => Assert.Contains(w, Payloads(cluster, stale)));
        AssertEveryoneConverges(cluster);
    }

    /// <summary>
    /// ZOOKEEPER-3644: with snapshot.trust.empty, a data directory holding txn logs but no snapshot (as a 3.4 upgrade
    /// left it) recovered as an empty tree: the logs were never replayed. The recovery itself is pinned in
    /// ZkNet.Persistence.Tests (ZkDatabaseLoadTests) and Durability.Tests (SnapshotRecoveryTests); this is the ensemble's
    /// side: members that never took a snapshot all lose power at once, mid-write, and each must come back with the
    /// state its log holds, vote with it and lead or sync from it, keeping every acknowledged write.
    /// </summary>
    [Fact]
    public void An_ensemble_with_logs_but_no_snapshot_restarting_at_once_keeps_every_acknowledged_write()
    {
        var cluster = new ZabCluster(33, participants: 3);
        StartWithOneWrite(cluster);
        cluster.WriteEvery(5, cluster.Now + 500);
        Assert.True(cluster.RunUntil(() => cluster.Acknowledged.Count >= 40, 10 * Second));
        Assert.All(cluster.Members.Values, m => Assert.Equal(0, m.Db.SnapshotCount));

        foreach (var member in cluster.Members.Values)
        {
            cluster.Crash(member.Sid);
        }
        foreach (var member in cluster.Members.Values)
        {
            cluster.Restart(member.Sid);
            Assert.NotEqual(0, member.Db.LastLoggedZxid);
            Assert.Equal(member.Db.LastLoggedZxid, member.Db.LastProcessedZxid);
        }
        AssertEveryoneConverges(cluster);
    }
}
