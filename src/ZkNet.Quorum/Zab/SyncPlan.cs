namespace ZkNet.Quorum.Zab;

/// <summary>How a leader brings one learner up to date.</summary>
public enum SyncMode
{
    /// <summary>Send the txns the learner lacks.</summary>
    Diff,

    /// <summary>Truncate the learner's log to a zxid, then send what it lacks.</summary>
    Trunc,

    /// <summary>Send a whole snapshot, then what came after it.</summary>
    Snap,
}

/// <summary>The first sync packet (DIFF or TRUNC and its zxid), then the committed txns to send as PROPOSAL + COMMIT.</summary>
/// <param name="Mode">DIFF, TRUNC or SNAP.</param>
/// <param name="Zxid">The zxid the DIFF or TRUNC packet carries (SNAP: decided by the snapshot).</param>
/// <param name="Txns">The committed txns to send after it.</param>
public sealed record SyncPlan(SyncMode Mode, long Zxid, IReadOnlyList<ZabTxn> Txns)
{
    /// <summary>Sync by snapshot.</summary>
    public static SyncPlan Snap { get; } = new(SyncMode.Snap, 0, []);
}
