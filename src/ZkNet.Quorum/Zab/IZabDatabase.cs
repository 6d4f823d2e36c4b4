namespace ZkNet.Quorum.Zab;

/// <summary>
/// A member's database as ZAB needs it: durable epochs, a txn log whose end is reported, and the state the committed
/// txns build. Every figure a member reports to others (its vote, FOLLOWERINFO, ACKEPOCH, NEWLEADER's ACK) is a
/// statement about its disk, never about memory (docs/quorum-protocol.md §8). Called from one thread at a time (except <see cref="ReadSnapshot"/>).
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
    /// The applied state as a snapshot for a SNAP sync. Its zxid is fixed when this returns (with whatever of the state
    /// must agree with it); its bytes are made later, when written to the learner's stream, by a fuzzy walk off the
    /// caller's thread, as ZooKeeper's LearnerHandler serializes its tree while the leader goes on committing: the
    /// txns after the zxid, sent behind it, bring the learner right.
    /// </summary>
    IZabSnapshot Snapshot();
    /// <summary>Drops every logged txn after <paramref name="zxid"/> (durably) and rebuilds the state from what is left.</summary>
    void Truncate(long zxid);

    /// <summary>
    /// Reads the snapshot a leader streams after SNAP from <paramref name="stream"/>, up to and including its signature
    /// and not a byte further (the packets behind it stay on the stream), into a state apart from the one in use.
    /// Unlike every other member this one is called off the thread that owns the database (by the connection's reader,
    /// while the snapshot arrives) and must touch nothing of the current state. Every length read is bounded.
    /// </summary>
    /// <exception cref="IOException">The stream broke, ended early or holds no valid snapshot (the state is untouched).</exception>
    IReceivedSnapshot ReadSnapshot(Stream stream);

    /// <summary>Replaces the in-memory state with a leader's snapshot (made durable only by <see cref="PersistSnapshot"/>).</summary>
    void LoadSnapshot(IReceivedSnapshot snapshot, long zxid);

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
