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
}
