namespace ZkNet.Quorum.Configuration;

/// <summary>How a member takes part in the ensemble (ZooKeeper's LearnerType).</summary>
public enum LearnerType
{
    /// <summary>Votes in elections and counts in quorums.</summary>
    Participant,

    /// <summary>Follows the leader's committed txns without voting.</summary>
    Observer,
}
