namespace ZkNet.Quorum.Zab;

/// <summary>One learner as the leader's figures report it (mntr's learners and synced_*, the observers command).</summary>
/// <param name="Handle">The learner's connection handle.</param>
/// <param name="Sid">Its server id (-1 before FOLLOWERINFO or OBSERVERINFO arrived).</param>
/// <param name="IsObserver">An observer (or a participant outside the voting view).</param>
/// <param name="Synced">Its sync is queued and proposals are forwarded to it (ZooKeeper's forwarding followers).</param>
/// <param name="LastZxid">The last zxid it reported.</param>
public readonly record struct LearnerView(long Handle, long Sid, bool IsObserver, bool Synced, long LastZxid);

/// <summary>The leader's figures, published as one immutable value so any thread may read them.</summary>
/// <param name="Learners">Every learner connection.</param>
/// <param name="StartedAtMs">When leading began (leader_uptime counts from it).</param>
/// <param name="LastProposalSize">The size of the last proposal's data, -1 before the first.</param>
/// <param name="MinProposalSize">The smallest, -1 before the first.</param>
/// <param name="MaxProposalSize">The largest, -1 before the first.</param>
public sealed record LeaderView(IReadOnlyList<LearnerView> Learners, long StartedAtMs, long LastProposalSize, long MinProposalSize, long MaxProposalSize)
{
    /// <summary>Voting followers being forwarded to (mntr's synced_followers).</summary>
    public int SyncedFollowers => Learners.Count(l => l.Synced && !l.IsObserver);

    /// <summary>Observers being informed (mntr's synced_observers).</summary>
    public int SyncedObservers => Learners.Count(l => l.Synced && l.IsObserver);
}

public sealed partial class ZabLeader
{
    private LeaderView? _view;
    private long _lastProposalSize = -1;
    private long _minProposalSize = -1;
    private long _maxProposalSize = -1;

    /// <summary>
    /// The leader's figures: its learners as of their last change or the last timer (at most half a tick old), its
    /// proposal sizes as they are now; safe to read from any thread (the state machine itself has one caller at a time).
    /// </summary>
    public LeaderView View => (Volatile.Read(ref _view) ?? new LeaderView([], _startMs, -1, -1, -1)) with
    {
        // Proposal sizes move with every write: read as they are now (word-sized, so never torn), not as published.
        LastProposalSize = Volatile.Read(ref _lastProposalSize),
        MinProposalSize = Volatile.Read(ref _minProposalSize),
        MaxProposalSize = Volatile.Read(ref _maxProposalSize),
    };

    /// <summary>The server id of the learner on <paramref name="handle"/>, or -1 before it introduced itself.</summary>
    public long SidOf(long handle) => _handlers.TryGetValue(handle, out var handler) ? handler.Sid : -1;

    private void RecordProposalSize(int size)
    {
        _lastProposalSize = size;
        _minProposalSize = _minProposalSize < 0 ? size : Math.Min(_minProposalSize, size);
        _maxProposalSize = Math.Max(_maxProposalSize, size);
    }

    /// <summary>Publishes <see cref="View"/> again (called when learners come, go or finish syncing, and on timers).</summary>
    private void PublishView()
    {
        var learners = _handlers.Values.Select(h => new LearnerView(h.Handle, h.Sid, h.IsObserver, h.Forwarding, h.LastZxid)).ToList();
        Volatile.Write(ref _view, new LeaderView(learners, _startMs, _lastProposalSize, _minProposalSize, _maxProposalSize));
    }
}
