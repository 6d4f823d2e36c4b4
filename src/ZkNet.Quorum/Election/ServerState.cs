namespace ZkNet.Quorum.Election;

/// <summary>A member's state, with the numbers election notifications carry (ZooKeeper's QuorumPeer.ServerState).</summary>
public enum ServerState
{
    /// <summary>Electing a leader.</summary>
    Looking = 0,

    /// <summary>Following an elected leader.</summary>
    Following = 1,

    /// <summary>Leading.</summary>
    Leading = 2,

    /// <summary>Observing an elected leader (not voting).</summary>
    Observing = 3,
}
