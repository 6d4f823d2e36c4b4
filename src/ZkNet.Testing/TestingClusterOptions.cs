namespace ZkNet.Testing;

/// <summary>Settings of a <see cref="TestingCluster"/>; every one has a default suited to tests.</summary>
public sealed record TestingClusterOptions
{
    /// <summary>
    /// How many voting members (server ids 1..N), at least 1: one member runs as an ensemble of one
    /// (standaloneEnabled=false, it elects itself), unlike <see cref="TestingServer"/>'s standalone server. Default: 3,
    /// the smallest ensemble that survives losing one.
    /// </summary>
    public int Members { get; init; } = 3;

    /// <summary>
    /// ZooKeeper's tickTime in milliseconds. Elections and the leader's view of followers are timed in ticks
    /// (initLimit 10, syncLimit 5), so a short tick makes failover fast. Default: 200.
    /// </summary>
    public int TickTime { get; init; } = 200;

    /// <summary>
    /// The longest session a client may negotiate, in milliseconds (zoo.cfg's maxSessionTimeout). Default: 60000, so
    /// a client's requested timeout is kept even with the short tick (ZooKeeper's default cap is 20 ticks: 4 s here).
    /// </summary>
    public int MaxSessionTimeout { get; init; } = 60_000;

    /// <summary>
    /// A folder under which each member keeps its data (member1, member2...). Null (the default) uses a fresh temporary
    /// folder that is deleted when the cluster is disposed; either way a member's data survives its restarts.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Whether every write is fsynced before it is acknowledged (zoo.cfg's forceSync). Default: false, for speed.</summary>
    public bool ForceSync { get; init; }

    /// <summary>Whether TTL nodes are allowed (zoo.cfg's extendedTypesEnabled). Default: true.</summary>
    public bool ExtendedTypesEnabled { get; init; } = true;

    /// <summary>How often container and TTL nodes are checked for removal, in milliseconds. Default: 1000.</summary>
    public int ContainerCheckIntervalMs { get; init; } = 1000;

    /// <summary>
    /// How long <see cref="TestingCluster.StartAsync"/> (and <see cref="TestingCluster.WaitForQuorumAsync"/> without a
    /// timeout) waits for the members to agree on a leader. Default: 60 s, generous for a loaded build machine.
    /// </summary>
    public TimeSpan QuorumTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
