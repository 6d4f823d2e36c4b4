using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>DIFF, TRUNC or SNAP for one learner, as ZooKeeper's syncFollower decides (docs/quorum-protocol.md §4.4).</summary>
public sealed class SyncPlannerTests
{
    private static readonly IReadOnlyList<ZabTxn> Window =
        [Txn(0x100000004), Txn(0x100000005), Txn(0x100000006), Txn(0x200000001), Txn(0x200000002)];

    [Fact]
    public void A_learner_at_the_leaders_zxid_gets_an_empty_DIFF_at_its_own_zxid() =>
        AssertPlan(SyncPlanner.Plan(0x200000002, Window, 0x200000002), SyncMode.Diff, 0x200000002);

    [Fact]
    public void A_learner_inside_the_window_gets_a_DIFF_with_what_it_lacks() =>
        AssertPlan(SyncPlanner.Plan(0x100000005, Window, 0x200000002), SyncMode.Diff, 0x200000002, 0x100000006, 0x200000001, 0x200000002);

    [Fact]
    public void A_learner_ahead_of_the_leader_is_truncated_to_the_leaders_last_commit() =>
        AssertPlan(SyncPlanner.Plan(0x200000009, Window, 0x200000002), SyncMode.Trunc, 0x200000002);

    [Fact]
    public void A_learner_whose_uncommitted_txn_the_next_epoch_skipped_gets_a_snapshot()
    {
        // The learner logged 0x100000006 in epoch 1; no quorum had it and the leader went on in epoch 2 after
        // 0x100000005. A TRUNC cannot cross an epoch, so the learner gets a snapshot.
        IReadOnlyList<ZabTxn> window = [Txn(0x100000004), Txn(0x100000005), Txn(0x200000001)];

        AssertPlan(SyncPlanner.Plan(0x100000006, window, 0x200000001), SyncMode.Snap, 0);
    }

    [Fact]
    public void A_learner_below_the_window_gets_a_snapshot() =>
        AssertPlan(SyncPlanner.Plan(0x100000002, Window, 0x200000002), SyncMode.Snap, 0);

    [Fact]
    public void A_window_with_a_hole_is_never_used_for_a_DIFF() =>
        AssertPlan(SyncPlanner.Plan(0x100000004, [Txn(0x100000004), Txn(0x100000006)], 0x100000006), SyncMode.Snap, 0);

    [Fact]
    public void A_window_that_stops_short_of_the_last_committed_zxid_is_never_used_for_a_DIFF() =>
        AssertPlan(SyncPlanner.Plan(0x100000005, [Txn(0x100000004), Txn(0x100000005)], 0x100000008), SyncMode.Snap, 0);

    [Fact]
    public void A_learner_that_synced_an_epoch_but_logged_nothing_in_it_gets_a_DIFF() =>
        AssertPlan(SyncPlanner.Plan(0x200000000, Window, 0x200000002), SyncMode.Diff, 0x200000002, 0x200000001, 0x200000002);

    private static ZabTxn Txn(long zxid) => new(zxid, [1]);

    private static void AssertPlan(SyncPlan plan, SyncMode mode, long zxid, params long[] txns)
    {
        Assert.Equal(mode, plan.Mode);
        if (mode != SyncMode.Snap)
        {
            Assert.Equal(zxid, plan.Zxid);
        }
        Assert.Equal(txns, plan.Txns.Select(t => t.Zxid));
    }
}
