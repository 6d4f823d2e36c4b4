namespace ZkNet.Protocol;

/// <summary>
/// The type of a <see cref="Records.QuorumPacket"/> between a leader and its learners (Apache ZooKeeper's Leader
/// constants). docs/quorum-protocol.md §3.2 says what each carries.
/// </summary>
public enum QuorumPacketType
{
    /// <summary>A client request forwarded by a learner: sessionId, cxid, op type, the request record.</summary>
    Request = 1,

    /// <summary>A txn the leader proposes: TxnHeader, txn record, optional TxnDigest.</summary>
    Proposal = 2,

    /// <summary>A learner has logged a txn (or acknowledges NEWLEADER / UPTODATE).</summary>
    Ack = 3,

    /// <summary>A txn is committed (the zxid only).</summary>
    Commit = 4,

    /// <summary>Liveness, both ways; a learner's reply carries its session touches.</summary>
    Ping = 5,

    /// <summary>Session revalidation for a client that moved to another member.</summary>
    Revalidate = 6,

    /// <summary>The answer to a forwarded sync.</summary>
    Sync = 7,

    /// <summary>A committed txn sent in full to an observer.</summary>
    Inform = 8,

    /// <summary>Commit of a reconfiguration (dynamic reconfig only).</summary>
    CommitAndActivate = 9,

    /// <summary>The leader's sync is queued; the learner persists it and acknowledges.</summary>
    NewLeader = 10,

    /// <summary>A follower introduces itself: accepted epoch and LearnerInfo.</summary>
    FollowerInfo = 11,

    /// <summary>Synchronisation is over: serve clients.</summary>
    UpToDate = 12,

    /// <summary>Synchronisation by the txns the learner lacks.</summary>
    Diff = 13,

    /// <summary>Synchronisation by truncating the learner's log to the zxid.</summary>
    Trunc = 14,

    /// <summary>Synchronisation by a whole snapshot, which follows the packet on the stream.</summary>
    Snap = 15,

    /// <summary>An observer introduces itself.</summary>
    ObserverInfo = 16,

    /// <summary>The leader's proposed epoch and protocol version.</summary>
    LeaderInfo = 17,

    /// <summary>A learner accepts the epoch, with its current epoch and last logged zxid.</summary>
    AckEpoch = 18,

    /// <summary>A reconfiguration informed to an observer (dynamic reconfig only).</summary>
    InformAndActivate = 19,
}
