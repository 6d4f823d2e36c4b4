namespace ZkNet.Server.Pipeline;

/// <summary>What a server is doing, as srvr's "Mode" and mntr's zk_server_state report it.</summary>
public enum ServerRole
{
    /// <summary>A single server that commits on its own fsync.</summary>
    Standalone,

    /// <summary>An ensemble member that is electing a leader or synchronising: clients are refused.</summary>
    Looking,

    /// <summary>The ensemble's leader: proposes every write and commits on a quorum of acks.</summary>
    Leading,

    /// <summary>A voting member that forwards writes to the leader and applies what it commits.</summary>
    Following,

    /// <summary>A non-voting member that forwards writes and applies what the leader informs it of.</summary>
    Observing,

    /// <summary>
    /// An ensemble member cut off from its quorum (readonlymode.enabled): it serves reads of the tree it last had to
    /// clients that accept a read-only server, and answers writes NotReadOnly.
    /// </summary>
    ReadOnly,
}
