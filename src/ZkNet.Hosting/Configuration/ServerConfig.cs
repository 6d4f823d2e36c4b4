using ZkNet.Admin;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Everything a ZkNet server is configured with, as zoo.cfg spells it. Defaults are Apache ZooKeeper's, except
/// that the embedded default binds loopback and keeps its data under ./zknet-data.
/// </summary>
public sealed record ServerConfig
{
    /// <summary>The clientPortAddress meaning every local address: what ZooKeeper binds when zoo.cfg names none.</summary>
    public const string AnyAddress = "0.0.0.0";

    /// <summary>
    /// tickTime: the basic time unit in milliseconds. Default 3000, ZooKeeper's own default when zoo.cfg has no
    /// tickTime (ZooKeeperServer.DEFAULT_TICK_TIME; its sample zoo.cfg sets 2000).
    /// </summary>
    public int TickTime { get; init; } = 3000;

    /// <summary>dataDir: snapshots (and the txn log unless dataLogDir is set).</summary>
    public string DataDir { get; init; } = "zknet-data";

    /// <summary>dataLogDir: the txn log directory (defaults to dataDir).</summary>
    public string? DataLogDir { get; init; }

    /// <summary>clientPort (default 2181; 0 picks a free port, for tests).</summary>
    public int ClientPort { get; init; } = 2181;

    /// <summary>clientPortAddress (ZkNet's default is loopback; ZooKeeper's is every address).</summary>
    public string ClientPortAddress { get; init; } = "127.0.0.1";

    /// <summary>maxClientCnxns: connections per client IP address, 0 for no limit (default 60).</summary>
    public int MaxClientCnxns { get; init; } = 60;

    /// <summary>minSessionTimeout in ms; -1 means 2 * tickTime.</summary>
    public int MinSessionTimeout { get; init; } = -1;

    /// <summary>maxSessionTimeout in ms; -1 means 20 * tickTime.</summary>
    public int MaxSessionTimeout { get; init; } = -1;

    /// <summary>
    /// 4lw.commands.whitelist: the allowed four-letter words ("*" for all). srvr is always allowed, as ZooKeeper
    /// always allows it (zkServer.sh status depends on it); the default is srvr only.
    /// </summary>
    public IReadOnlySet<string> FourLetterWordWhitelist { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "srvr" };

    /// <summary>forceSync: fsync the txn log before acknowledging (default yes).</summary>
    public bool ForceSync { get; init; } = true;

    /// <summary>snapCount: txns between snapshots (default 100000).</summary>
    public int SnapCount { get; init; } = 100_000;

    /// <summary>snapSizeLimitInKb: log bytes between snapshots (default 4 GB in KB).</summary>
    public long SnapSizeLimitInKb { get; init; } = 4_194_304;

    /// <summary>preAllocSize in KB: txn log preallocation chunk (default 65536 KB).</summary>
    public long PreAllocSizeKb { get; init; } = 65_536;

    /// <summary>clientPortListenBacklog: the listen socket's backlog; -1 (default) leaves it to the platform.</summary>
    public int ClientPortListenBacklog { get; init; } = -1;

    /// <summary>maxCnxns: connections to this server in total, 0 (default) for no limit (zookeeper.maxCnxns).</summary>
    public int MaxCnxns { get; init; }

    /// <summary>globalOutstandingLimit: requests queued in the server before clients are throttled (default 1000).</summary>
    public int GlobalOutstandingLimit { get; init; } = 1000;

    /// <summary>
    /// nio.sessionlessCnxnTimeout (zookeeper.nio.sessionlessCnxnTimeout) in ms: a connection that has not sent its
    /// ConnectRequest this long after it was accepted is closed (default 10000, as ZooKeeper); 0 or less never.
    /// </summary>
    public int SessionlessCnxnTimeout { get; init; } = 10_000;

    /// <summary>
    /// Requests of one connection queued for the request processor before ZkNet stops reading that connection
    /// (default 1000). Not a ZooKeeper setting, so zoo.cfg does not set it.
    /// </summary>
    public int MaxOutstandingRequestsPerConnection { get; init; } = 1000;

    /// <summary>
    /// Reply bytes of one connection waiting to be sent (its client is not reading them) before ZkNet stops reading
    /// that connection (default 1 MB). Not a ZooKeeper setting, so zoo.cfg does not set it.
    /// </summary>
    public long MaxQueuedOutputBytesPerConnection { get; init; } = 1024 * 1024;

    /// <summary>txnLogSizeLimitInKb: roll the txn log past this size; -1 (default) or less disables it.</summary>
    public long TxnLogSizeLimitInKb { get; init; } = -1;

    /// <summary>digest.enabled: keep the tree digest and its history of every 128th zxid (default true in ZooKeeper 3.8).</summary>
    public bool DigestEnabled { get; init; } = true;

    /// <summary>localSessionsEnabled: an ensemble member's new sessions are local to it (default false); see docs/ensemble.md.</summary>
    public bool LocalSessionsEnabled { get; init; }

    /// <summary>localSessionsUpgradingEnabled: an ephemeral create upgrades a local session to global (default false).</summary>
    public bool LocalSessionsUpgradingEnabled { get; init; }

    /// <summary>
    /// readonlymode.enabled: an ensemble member that has been electing for max(2 s, tickTime) serves its last tree
    /// read-only to clients that accept that (default false). ZooKeeper reads it as the Java system property
    /// readonlymode.enabled only (-D in SERVER_JVMFLAGS); ZkNet also takes it from zoo.cfg.
    /// </summary>
    public bool ReadOnlyModeEnabled { get; init; }

    /// <summary>
    /// electionHandshakeHoldMs (ZkNet's own): how long, counted from when an ensemble member stopped serving, it holds
    /// the handshake of a client that connects while it elects, to answer it once it serves again; 0 refuses such
    /// clients at once, as ZooKeeper does. Null (default) is ZooKeeper's partition grace, max(2 s, tickTime).
    /// </summary>
    public int? ElectionHandshakeHoldMs { get; init; }

    /// <summary>The connection throttle (zookeeper.connection_throttle_*, alias connectionMaxTokens...; off by default).</summary>
    public ZkNet.Server.Throttling.ConnectionThrottleSettings ConnectionThrottle { get; init; } = new();

    /// <summary>
    /// The request throttler (zookeeper.request_throttle_*, request_stale_*, request_throttler.shutdownTimeout, alias
    /// requestThrottleLimit...; off by default).
    /// </summary>
    public ZkNet.Server.Throttling.RequestThrottleSettings RequestThrottle { get; init; } = new();

    /// <summary>largeRequestThreshold: requests longer than this many bytes share <see cref="LargeRequestMaxBytes"/> (-1, the default: off).</summary>
    public int LargeRequestThreshold { get; init; } = -1;

    /// <summary>largeRequestMaxBytes: the bytes large requests may hold in the server at once (default 100 MiB).</summary>
    public int LargeRequestMaxBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>datadir.autocreate: create dataDir and dataLogDir when missing (default true).</summary>
    public bool DataDirAutocreate { get; init; } = true;

    /// <summary>snapshot.trust.empty: start from txn logs that have no snapshot before them (default false: refuse).</summary>
    public bool SnapshotTrustEmpty { get; init; }

    /// <summary>snapshot.compression.method: "gz" or "snappy" compress new snapshots; anything else writes them plain.</summary>
    public string SnapshotCompressionMethod { get; init; } = "";

    /// <summary>autopurge.snapRetainCount (default 3, minimum 3).</summary>
    public int AutopurgeSnapRetainCount { get; init; } = 3;

    /// <summary>autopurge.purgeInterval in hours; 0 disables (default).</summary>
    public int AutopurgePurgeIntervalHours { get; init; }

    /// <summary>jute.maxbuffer: the largest packet accepted, in bytes (default 0xfffff).</summary>
    public int JuteMaxBuffer { get; init; } = 0xfffff;

    /// <summary>extendedTypesEnabled: allow TTL nodes (default false, as ZooKeeper).</summary>
    public bool ExtendedTypesEnabled { get; init; }

    /// <summary>znode.container.checkIntervalMs: how often containers and TTL nodes are checked (default 60000).</summary>
    public int ContainerCheckIntervalMs { get; init; } = 60_000;

    /// <summary>znode.container.maxPerMinute: containers and TTL nodes deleted per minute at most (default 10000).</summary>
    public int ContainerMaxPerMinute { get; init; } = 10_000;

    /// <summary>znode.container.maxNeverUsedIntervalMs: a container that never had children is deleted after this long; 0 (default) never.</summary>
    public long ContainerMaxNeverUsedIntervalMs { get; init; }

    /// <summary>fsync.warningthresholdms: log a warning when an fsync is slower (default 1000).</summary>
    public int FsyncWarningThresholdMs { get; init; } = 1000;

    /// <summary>superUser digest: "super:base64(sha1(super:password))" (DigestAuthenticationProvider.superDigest).</summary>
    public string? SuperDigest { get; init; }

    /// <summary>skipACL: when true every ACL check passes (zookeeper.skipACL).</summary>
    public bool SkipAcl { get; init; }

    /// <summary>enforceQuota: refuse writes past a quota's hard limits (zookeeper.enforceQuota, default false).</summary>
    public bool EnforceQuota { get; init; }

    /// <summary>TLS on the client port: secureClientPort, client.portUnification, ssl.* (docs/security.md).</summary>
    public TlsSettings Tls { get; init; } = new();

    /// <summary>SASL for clients: the JAAS users, sessionRequireClientSASLAuth, enforce.auth.* (docs/security.md).</summary>
    public SaslSettings Sasl { get; init; } = new();

    /// <summary>Whether the txn log and snapshots are kept on disk; false runs purely in memory (tests).</summary>
    public bool InMemory { get; init; }

    /// <summary>
    /// The AdminServer (admin.*). Off unless asked in a config built in code (tests, embedded servers: no port to
    /// collide on); a zoo.cfg gets ZooKeeper's default, on at 0.0.0.0:8080.
    /// </summary>
    public AdminServerOptions Admin { get; init; } = new();

    /// <summary>
    /// ssl.quorum.keyStore.*: ZooKeeper's JettyAdminServer loads its HTTPS certificate from the quorum stores
    /// (QuorumX509Util), so the admin port's HTTPS (admin.forceHttps, admin.portUnification) reads them here, beside
    /// quorum TLS (<see cref="QuorumTls"/>): this member's certificate towards its peers.
    /// </summary>
    public StoreSettings QuorumKeyStore { get; init; } = new();

    /// <summary>
    /// ssl.quorum.trustStore.*: what peers' certificates (quorum TLS) and admin HTTPS client certificates
    /// (admin.needClientAuth) must chain to.
    /// </summary>
    public StoreSettings QuorumTrustStore { get; init; } = new();

    /// <summary>TLS between ensemble members: sslQuorum, portUnification, ssl.quorum.* (docs/ensemble.md, "Quorum TLS").</summary>
    public QuorumTlsSettings QuorumTls { get; init; } = new();

    /// <summary>Authentication between ensemble members: quorum.auth.* with the JAAS file (docs/ensemble.md, "Quorum SASL").</summary>
    public QuorumSaslSettings QuorumSasl { get; init; } = new();

    /// <summary>The metrics provider (metricsProvider.*); ZooKeeper's Prometheus provider serves /metrics.</summary>
    public MetricsProviderOptions MetricsProvider { get; init; } = new();

    /// <summary>Keys present in the file that neither ZooKeeper nor ZkNet knows (logged, not fatal, as in ZooKeeper).</summary>
    public IReadOnlyList<string> UnknownKeys { get; init; } = [];

    /// <summary>Keys present in the file that ZooKeeper knows and ZkNet accepts but does not act on (e.g. server.N, admin.*).</summary>
    public IReadOnlyList<string> IgnoredKeys { get; init; } = [];

    /// <summary>Things about the file worth logging: values ZooKeeper would silently replace by a default, relative paths.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every key/value as read, for the conf four-letter word.</summary>
    public IReadOnlyDictionary<string, string> Raw { get; init; } = new Dictionary<string, string>();

    /// <summary>The effective minimum session timeout.</summary>
    public int EffectiveMinSessionTimeout => MinSessionTimeout < 0 ? 2 * TickTime : MinSessionTimeout;

    /// <summary>The effective maximum session timeout.</summary>
    public int EffectiveMaxSessionTimeout => MaxSessionTimeout < 0 ? 20 * TickTime : MaxSessionTimeout;
}
