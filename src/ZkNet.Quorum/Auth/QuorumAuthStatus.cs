namespace ZkNet.Quorum.Auth;

/// <summary>The status field of a <see cref="QuorumAuthPacket"/> (ZooKeeper's QuorumAuth.Status values).</summary>
public enum QuorumAuthStatus
{
    /// <summary>The exchange goes on: the token is the next challenge or response.</summary>
    InProgress = 0,

    /// <summary>The server authenticated the learner; the token is the mechanism's last word (DIGEST-MD5's rspauth).</summary>
    Success = 1,

    /// <summary>The server refused the learner (or the exchange broke); the token is empty.</summary>
    Error = -1,
}
