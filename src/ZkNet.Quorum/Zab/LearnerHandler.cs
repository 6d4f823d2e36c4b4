namespace ZkNet.Quorum.Zab;

/// <summary>What the leader knows of one learner connection (ZooKeeper's LearnerHandler, without its threads).</summary>
internal sealed class LearnerHandler(long handle)
{
    public long Handle { get; } = handle;

    /// <summary>The learner's sid, once FOLLOWERINFO or OBSERVERINFO arrived (-1 before).</summary>
    public long Sid { get; set; } = -1;

    public bool IsObserver { get; set; }

    /// <summary>Where the learner is in discovery and synchronisation.</summary>
    public LearnerPhase Phase { get; set; } = LearnerPhase.AwaitingInfo;

    /// <summary>Its last logged zxid, from ACKEPOCH.</summary>
    public long LastZxid { get; set; } = -1;

    /// <summary>Whether new proposals and commits are sent to it (after its sync was queued).</summary>
    public bool Forwarding { get; set; }

    /// <summary>The tick by which it must be heard from again.</summary>
    public long Deadline { get; set; }
}

/// <summary>The steps of one learner's discovery and synchronisation.</summary>
internal enum LearnerPhase
{
    AwaitingInfo,
    AwaitingEpoch,
    AwaitingEpochAck,
    AwaitingEpochQuorum,
    AwaitingNewLeaderAck,
    AwaitingEstablishment,
    Broadcasting,
}
