namespace ZkNet.Hosting.Configuration;

/// <summary>How QuorumPeerConfig validates the value of a key it reads itself (and so refuses to start on).</summary>
public enum ValueCheck
{
    /// <summary>Any string.</summary>
    None,
    /// <summary>Integer.parseInt.</summary>
    Int,
    /// <summary>Long.parseLong.</summary>
    Long,
    /// <summary>"true" or "false", case ignored.</summary>
    Bool,
    /// <summary>electionAlg: an int, and only 3 (fast leader election over TCP) is allowed.</summary>
    ElectionAlg,
    /// <summary>peerType: "observer" or "participant", case ignored.</summary>
    PeerType,
}
