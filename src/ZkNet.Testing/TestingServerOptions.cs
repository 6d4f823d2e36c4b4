namespace ZkNet.Testing;

/// <summary>Settings of a <see cref="TestingServer"/>; every one has a default suited to tests.</summary>
public sealed record TestingServerOptions
{
    /// <summary>
    /// The client port on 127.0.0.1; 0 (the default) lets the operating system pick a free one, which
    /// <see cref="TestingServer.Port"/> then tells. A restart keeps the port it got.
    /// </summary>
    public int Port { get; init; }

    /// <summary>
    /// ZooKeeper's tickTime in milliseconds: sessions may last from 2 to 20 ticks. Default: 2000 (the value of
    /// ZooKeeper's sample zoo.cfg), so sessions of 4 s to 40 s; a smaller tick lets session expiry tests run faster.
    /// </summary>
    public int TickTime { get; init; } = 2000;

    /// <summary>
    /// Where the server keeps its transaction log and snapshots. Null (the default) uses a fresh temporary folder
    /// that is deleted when the server is disposed; either way the data survives <see cref="TestingServer.RestartAsync"/>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>
    /// Whether every write is fsynced before it is acknowledged (zoo.cfg's forceSync). Default: false, since a test
    /// server's data need not survive a power cut and fsyncs slow tests down.
    /// </summary>
    public bool ForceSync { get; init; }

    /// <summary>Whether TTL nodes are allowed (zoo.cfg's extendedTypesEnabled). Default: true.</summary>
    public bool ExtendedTypesEnabled { get; init; } = true;

    /// <summary>
    /// How often container and TTL nodes are checked for removal, in milliseconds
    /// (znode.container.checkIntervalMs). Default: 1000, much shorter than ZooKeeper's minute so tests see it happen.
    /// </summary>
    public int ContainerCheckIntervalMs { get; init; } = 1000;
}
