namespace ZkNet.TestSupport;

/// <summary>How <see cref="ServerProcess.StartAsync(ServerKind, ServerStartOptions)"/> starts a server.</summary>
public sealed record ServerStartOptions
{
    /// <summary>zoo.cfg keys added to (or replacing) the defaults.</summary>
    public IReadOnlyDictionary<string, string>? Config { get; init; }

    /// <summary>
    /// Settings Apache ZooKeeper reads only as Java system properties: Apache ZooKeeper gets them as -D options,
    /// ZkNet as zoo.cfg keys (which is how ZkNet takes them).
    /// </summary>
    public IReadOnlyDictionary<string, string>? SystemProperties { get; init; }

    /// <summary>Jars added to Apache ZooKeeper's class path, e.g. the netty jars its Netty connection factory needs (ignored for ZkNet).</summary>
    public IReadOnlyList<string>? ExtraClassPath { get; init; }

    /// <summary>Arguments added after <c>zknet server --config FILE</c> (ignored for Apache ZooKeeper).</summary>
    public IReadOnlyList<string>? ServerArguments { get; init; }

    /// <summary>Environment variables set for the server process.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>
    /// Apache ZooKeeper's class path instead of <see cref="ServerProcess.ZooKeeperClassPath"/> (e.g. with Jetty for its
    /// AdminServer); ignored for ZkNet.
    /// </summary>
    public string? ClassPath { get; init; }

    /// <summary>Extra JVM options for Apache ZooKeeper (ignored for ZkNet).</summary>
    public IReadOnlyList<string>? JvmOptions { get; init; }

    /// <summary>
    /// A folder the test owns: zoo.cfg is (re)written there, the data lives in its "data" subfolder, and it is kept
    /// on dispose, so a server can be killed and started again on the same data. Null: a fresh temporary folder,
    /// deleted on dispose.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>The client port (null: a free one).</summary>
    public int? Port { get; init; }

    /// <summary>
    /// Wait until <c>srvr</c> reports a zxid rather than until <c>ruok</c> answers: Apache ZooKeeper answers ruok
    /// before its database is loaded.
    /// </summary>
    public bool WaitForSrvr { get; init; } = true;

    /// <summary>Whether to wait until the server serves at all (false: return at once, e.g. to watch it fail).</summary>
    public bool WaitUntilServing { get; init; } = true;

    /// <summary>How long to wait for the server to serve.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs Apache ZooKeeper as an ensemble member (QuorumPeerMain, which reads the config's server.N lines and the
    /// dataDir's myid) instead of a standalone server (ZooKeeperServerMain). ZkNet decides from the config alone.
    /// </summary>
    public bool QuorumMember { get; init; }
}
