namespace ZkNet.Testing;

/// <summary>What a <see cref="TestingCluster"/> member is doing, as ZooKeeper's srvr command names its mode.</summary>
public enum MemberRole
{
    /// <summary>Not running (stopped or killed).</summary>
    Stopped,

    /// <summary>Running, electing a leader or synchronising with one: clients are refused.</summary>
    Looking,

    /// <summary>The ensemble's leader.</summary>
    Leading,

    /// <summary>A voting member following the leader.</summary>
    Following,

    /// <summary>A non-voting member following the leader.</summary>
    Observing,
}
