namespace ZkNet.Server;

/// <summary>The settings the server core needs; Hosting maps zoo.cfg onto them. Defaults are ZooKeeper's.</summary>
public sealed record ZooKeeperServerOptions
{
    /// <summary>tickTime in ms (default 2000): session expiry buckets and timeout bounds derive from it.</summary>
    public int TickTime { get; init; } = 2000;

    /// <summary>Lowest session timeout granted, in ms (default 2 * tickTime).</summary>
    public int MinSessionTimeout { get; init; } = 4000;

    /// <summary>Highest session timeout granted, in ms (default 20 * tickTime).</summary>
    public int MaxSessionTimeout { get; init; } = 40000;

    /// <summary>The connection throttle (ZooKeeper's zookeeper.connection_throttle_*; off by default).</summary>
    public Throttling.ConnectionThrottleSettings ConnectionThrottle { get; init; } = new();

    /// <summary>The large-request budget (largeRequestThreshold, largeRequestMaxBytes), or null when it is off (the default).</summary>
    public Throttling.LargeRequestBudget? LargeRequests { get; init; }

    /// <summary>The request throttler (ZooKeeper's zookeeper.request_throttle_* and request_stale_*; off by default).</summary>
    public Throttling.RequestThrottleSettings RequestThrottle { get; init; } = new();

    /// <summary>jute.maxbuffer: the largest packet accepted (default 0xfffff).</summary>
    public int MaxBuffer { get; init; } = 0xfffff;

    /// <summary>extendedTypesEnabled: allows TTL nodes (default false).</summary>
    public bool ExtendedTypesEnabled { get; init; }

    /// <summary>The "super" identity's digest, "super:base64(sha1(super:password))", or null.</summary>
    public string? SuperDigest { get; init; }

    /// <summary>skipACL: every permission check passes.</summary>
    public bool SkipAcl { get; init; }

    /// <summary>digest.enabled: keep the tree digest and its history (the AdminServer's hash command); default true.</summary>
    public bool DigestEnabled { get; init; } = true;

    /// <summary>
    /// zookeeper.enforceQuota (default false): a create or setData that would take a quota's counts past a hard
    /// limit (countHardLimit, byteHardLimit) fails with QuotaExceeded; past a soft limit it is only logged.
    /// </summary>
    public bool EnforceQuota { get; init; }

    /// <summary>How often containers and TTL nodes are checked, in ms (default 60000).</summary>
    public int ContainerCheckIntervalMs { get; init; } = 60_000;

    /// <summary>At most this many containers and TTL nodes are deleted per minute (default 10000).</summary>
    public int ContainerMaxPerMinute { get; init; } = 10_000;

    /// <summary>The server id placed in the top byte of session ids (1 for a standalone server, as ZooKeeper).</summary>
    public long ServerId { get; init; } = 1;

    /// <summary>
    /// localSessionsEnabled (default false): an ensemble member's new sessions are local, tracked and expired by the
    /// member alone with no createSession txn. A standalone server ignores it, as ZooKeeper's does.
    /// </summary>
    public bool LocalSessionsEnabled { get; init; }

    /// <summary>
    /// localSessionsUpgradingEnabled (default false, as QuorumPeerConfig's): an ephemeral create from a local session
    /// first makes it global (a createSession txn); without it the create fails with EphemeralOnLocalSession.
    /// </summary>
    public bool LocalSessionsUpgradingEnabled { get; init; }

    /// <summary>The lines the conf four-letter word prints (clientPort, dataDir, ...), filled in by the host.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConfLines { get; init; } = [];

    /// <summary>Four-letter words this server answers ("*" allows all); others get ZooKeeper's refusal text.</summary>
    public IReadOnlySet<string> FourLetterWordWhitelist { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "srvr" };

    /// <summary>Reports the size of dataDir in bytes (dirs four-letter word), or null.</summary>
    public Func<long>? DataDirSize { get; init; }

    /// <summary>Reports the size of dataLogDir in bytes (dirs four-letter word), or null.</summary>
    public Func<long>? DataLogDirSize { get; init; }

    /// <summary>snapCount: txns between snapshots, randomized between half and all of it (default 100000).</summary>
    public int SnapCount { get; init; } = 100_000;

    /// <summary>snapSizeLimitInKb: log bytes between snapshots, randomized like snapCount; 0 or less disables (default 4 GB).</summary>
    public long SnapSizeLimitInKb { get; init; } = 4_194_304;

    /// <summary>Seed for the server's randomness (snapshot timing), for reproducible tests; null seeds from the clock.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Requests taken from the queue before one log sync and flush (bounds reply latency under load).</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Requests queued for the processor before readers wait (back-pressure on every connection).</summary>
    public int RequestQueueCapacity { get; init; } = 20_000;

    /// <summary>
    /// SASL DIGEST-MD5 users (name to password, from the JAAS Server section's user_NAME entries); null answers sasl
    /// packets with an empty token, as a ZooKeeper server without a SASL login does.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SaslUsers { get; init; }

    /// <summary>
    /// enforce.auth.schemes when enforce.auth.enabled (or "sasl" with sessionRequireClientSASLAuth): a connection
    /// without an identity of one of these schemes has its first other request refused with
    /// SessionClosedRequireSasl and is closed. Null or empty: no enforcement.
    /// </summary>
    public IReadOnlySet<string>? EnforcedAuthSchemes { get; init; }
}
