namespace ZkNet.Quorum.Zab;

/// <summary>
/// ZooKeeper's syncFollower decision, as a pure function: given the learner's last logged zxid and the leader's
/// window of recent committed txns, DIFF, TRUNC or SNAP (docs/quorum-protocol.md §4.4). One deliberate difference:
/// a window with a gap (a zxid that is not its predecessor's successor, or a last txn short of the last committed
/// zxid) is never used, a SNAP is sent instead, so a hole can never be DIFFed to a learner (ZOOKEEPER-4925).
/// </summary>
public static class SyncPlanner
{
    /// <summary>Plans the sync of a learner at <paramref name="peerLastZxid"/>.</summary>
    /// <param name="peerLastZxid">The learner's last logged zxid (from ACKEPOCH).</param>
    /// <param name="window">The leader's recent committed txns in zxid order, ending at <paramref name="lastProcessedZxid"/>.</param>
    /// <param name="lastProcessedZxid">The leader's last committed zxid.</param>
    public static SyncPlan Plan(long peerLastZxid, IReadOnlyList<ZabTxn> window, long lastProcessedZxid)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (peerLastZxid == lastProcessedZxid)
        {
            return new SyncPlan(SyncMode.Diff, peerLastZxid, []);
        }
        if (!IsContiguous(window) || (window.Count > 0 && window[^1].Zxid != lastProcessedZxid))
        {
            // A window that stops short of the last commit has its hole at the end: a DIFF would stop there too.
            return SyncPlan.Snap;
        }
        var min = window.Count > 0 ? window[0].Zxid : lastProcessedZxid;
        var max = window.Count > 0 ? window[^1].Zxid : lastProcessedZxid;
        if (peerLastZxid > max && !Zxid.IsNewEpoch(peerLastZxid))
        {
            // The learner logged txns no quorum committed: it drops them.
            return new SyncPlan(SyncMode.Trunc, max, []);
        }
        if (peerLastZxid < min || peerLastZxid > max)
        {
            return SyncPlan.Snap;
        }
        return Walk(peerLastZxid, window, max);
    }

    /// <summary>
    /// ZooKeeper's queueCommittedProposals: find where the learner's history leaves the leader's, then send the rest.
    /// </summary>
    private static SyncPlan Walk(long peerLastZxid, IReadOnlyList<ZabTxn> window, long max)
    {
        var peerAtNewEpoch = Zxid.IsNewEpoch(peerLastZxid);
        var txns = new List<ZabTxn>();
        SyncMode? mode = null;
        long packetZxid = 0;
        var previous = -1L;
        foreach (var txn in window)
        {
            if (mode is null)
            {
                if (txn.Zxid < peerLastZxid)
                {
                    previous = txn.Zxid;
                    continue;
                }
                if (txn.Zxid == peerLastZxid)
                {
                    (mode, packetZxid) = (SyncMode.Diff, max);
                    continue;
                }
                if (peerAtNewEpoch)
                {
                    (mode, packetZxid) = (SyncMode.Diff, max);
                }
                else
                {
                    // The learner has a txn here that the leader does not: it must go back to the last common one,
                    // which only a TRUNC within one epoch can do.
                    if (previous < 0 || Zxid.EpochOf(txn.Zxid) != Zxid.EpochOf(peerLastZxid))
                    {
                        return SyncPlan.Snap;
                    }
                    (mode, packetZxid) = (SyncMode.Trunc, previous);
                }
            }
            txns.Add(txn);
        }
        return mode is { } found ? new SyncPlan(found, packetZxid, txns) : new SyncPlan(SyncMode.Diff, max, []);
    }

    private static bool IsContiguous(IReadOnlyList<ZabTxn> window)
    {
        for (var i = 1; i < window.Count; i++)
        {
            var (prev, next) = (window[i - 1].Zxid, window[i].Zxid);
            var follows = Zxid.EpochOf(next) == Zxid.EpochOf(prev)
                ? next == prev + 1
                : Zxid.EpochOf(next) > Zxid.EpochOf(prev) && Zxid.CounterOf(next) == 1;
            if (!follows)
            {
                return false;
            }
        }
        return true;
    }
}
