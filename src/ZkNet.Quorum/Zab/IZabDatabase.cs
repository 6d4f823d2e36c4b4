namespace ZkNet.Quorum.Zab;

/// <summary>
/// A member's database as ZAB needs it: durable epochs, a txn log whose end is reported, and the state the committed
/// txns build. Every figure a member reports to others (its vote, FOLLOWERINFO, ACKEPOCH, NEWLEADER's ACK) is a
/// statement about its disk, never about memory (docs/quorum-protocol.md §8). Called from one thread at a time.
/// </summary>
public interface IZabDatabase
{
    /// <summary>The last zxid in the txn log that is durable.</summary>
    long LastLoggedZxid { get; }

    /// <summary>The last zxid applied to the state.</summary>
    long LastProcessedZxid { get; }

    /// <summary>The last epoch this member agreed to (the acceptedEpoch file).</summary>
    long AcceptedEpoch { get; }

    /// <summary>The last epoch whose NEWLEADER this member processed (the currentEpoch file).</summary>
    long CurrentEpoch { get; }

    /// <summary>Writes acceptedEpoch durably.</summary>
    void SetAcceptedEpoch(long epoch);

    /// <summary>Writes currentEpoch durably.</summary>
    void SetCurrentEpoch(long epoch);

    /// <summary>The most recent committed txns, in zxid order, ending at <see cref="LastProcessedZxid"/> (possibly empty).</summary>
    IReadOnlyList<ZabTxn> RecentCommitted(int max);

    /// <summary>
    /// The applied state as a snapshot, and the zxid it reflects. The zxid is fixed when this returns; the bytes may
    /// still be in the making (a fuzzy walk off the caller's thread, as ZooKeeper's LearnerHandler serializes its
    /// tree while the leader goes on committing): the txns after the zxid, sent behind it, bring the learner right.
    /// </summary>
    Task<byte[]> Snapshot(out long zxid);

    /// <summary>Drops every logged txn after <paramref name="zxid"/> (durably) and rebuilds the state from what is left.</summary>
    void Truncate(long zxid);

    /// <summary>Replaces the in-memory state with a leader's snapshot (made durable only by <see cref="PersistSnapshot"/>).</summary>
    void LoadSnapshot(byte[] snapshot, long zxid);

    /// <summary>Applies a committed txn in memory only (SNAP and TRUNC syncs; made durable by <see cref="PersistSnapshot"/>).</summary>
    void ApplyInMemory(ZabTxn txn);

    /// <summary>Writes a snapshot of the in-memory state, durably.</summary>
    void PersistSnapshot();

    /// <summary>Appends a txn to the log; its durability is reported later (LocalDurable).</summary>
    void Append(ZabTxn txn);

    /// <summary>Applies the logged txn at <paramref name="zxid"/>.</summary>
    void Commit(long zxid);

    /// <summary>Forgets in-memory state that the disk does not back and reloads it from disk (on leaving any role).</summary>
    void Reload();
}
