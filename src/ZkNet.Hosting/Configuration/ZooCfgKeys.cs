namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Every zoo.cfg key ZooKeeper 3.8 knows, sorted by what ZkNet does with it. The names come from
/// QuorumPeerConfig (the keys it reads itself) and zookeeperAdmin.md (the settings ZooKeeper reads as Java system
/// properties; zoo.cfg reaches them because QuorumPeerConfig turns every other key K into the system property
/// zookeeper.K). System-property keys are accepted with or without the "zookeeper." prefix.
/// </summary>
public static class ZooCfgKeys
{
    /// <summary>The prefix ZooKeeper puts before a zoo.cfg key it passes on as a system property.</summary>
    public const string SystemPropertyPrefix = "zookeeper.";

    /// <summary>Keys QuorumPeerConfig reads itself and ZkNet acts on.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "tickTime", "dataDir", "dataLogDir", "clientPort", "clientPortAddress", "maxClientCnxns", "minSessionTimeout",
        "maxSessionTimeout", "clientPortListenBacklog", "autopurge.snapRetainCount", "autopurge.purgeInterval",
        "metricsProvider.className", "metricsProvider.httpHost", "metricsProvider.httpPort", "sslQuorum", "portUnification",
        "sslQuorumReloadCertFiles",
        "quorum.auth.enableSasl", "quorum.auth.learnerRequireSasl", "quorum.auth.serverRequireSasl",
        "quorum.auth.learner.saslLoginContext", "quorum.auth.server.saslLoginContext",
        "localSessionsEnabled", "localSessionsUpgradingEnabled",
    };

    /// <summary>System-property settings ZkNet acts on (named without the zookeeper. prefix).</summary>
    public static IReadOnlySet<string> SupportedSystemProperties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "4lw.commands.whitelist", "forceSync", "snapCount", "snapSizeLimitInKb", "preAllocSize", "txnLogSizeLimitInKb",
        "maxCnxns", "globalOutstandingLimit", "jute.maxbuffer", "extendedTypesEnabled", "znode.container.checkIntervalMs",
        "znode.container.maxPerMinute", "znode.container.maxNeverUsedIntervalMs", "fsync.warningthresholdms", "skipACL",
        "DigestAuthenticationProvider.superDigest", "digest.enabled", "datadir.autocreate", "snapshot.trust.empty",
        "snapshot.compression.method", "enforceQuota", "nio.sessionlessCnxnTimeout", "readonlymode.enabled", "electionHandshakeHoldMs",
        "connectionMaxTokens", "connection_throttle_tokens", "connectionTokenFillTime", "connection_throttle_fill_time",
        "connectionTokenFillCount", "connection_throttle_fill_count", "connectionFreezeTime", "connection_throttle_freeze_time",
        "connectionDropIncrease", "connection_throttle_drop_increase", "connectionDropDecrease", "connection_throttle_drop_decrease",
        "connectionDecreaseRatio", "connection_throttle_decrease_ratio", "connection_throttle_weight_enabled",
        "connection_throttle_global_session_weight", "connection_throttle_renew_session_weight",
        "connection_throttle_local_session_weight",
        "largeRequestMaxBytes", "largeRequestThreshold",
        "requestThrottleLimit", "request_throttle_max_requests", "requestThrottleStallTime", "request_throttle_stall_time",
        "requestThrottleDropStale", "request_throttle_drop_stale", "requestStaleLatencyCheck", "request_stale_latency_check",
        "requestStaleConnectionCheck", "request_stale_connection_check", "request_throttler.shutdownTimeout",
        "admin.enableServer", "admin.serverAddress", "admin.serverPort", "admin.commandURL", "admin.idleTimeout",
        "admin.snapshot.enabled", "admin.restore.enabled", "admin.rateLimiterIntervalInMS", "admin.restore.maxBytes",
        "admin.portUnification", "admin.forceHttps", "admin.needClientAuth",
        "ssl.quorum.keyStore.location", "ssl.quorum.keyStore.password", "ssl.quorum.keyStore.passwordPath", "ssl.quorum.keyStore.type",
        "ssl.quorum.trustStore.location", "ssl.quorum.trustStore.password", "ssl.quorum.trustStore.passwordPath",
        "ssl.quorum.trustStore.type", "ssl.quorum.clientAuth", "ssl.quorum.protocol", "ssl.quorum.enabledProtocols",
        "ssl.quorum.ciphersuites", "ssl.quorum.hostnameVerification", "ssl.quorum.handshakeDetectionTimeoutMillis",
    };

    /// <summary>Keys QuorumPeerConfig reads itself that ZkNet ignores, with the check ZooKeeper applies to their value.</summary>
    public static IReadOnlyDictionary<string, ValueCheck> IgnoredChecked { get; } = new Dictionary<string, ValueCheck>(StringComparer.Ordinal)
    {
        ["observerMasterPort"] = ValueCheck.Int,
        ["initLimit"] = ValueCheck.Int, ["syncLimit"] = ValueCheck.Int, ["connectToLearnerMasterLimit"] = ValueCheck.Int,
        ["electionAlg"] = ValueCheck.ElectionAlg, ["quorumListenOnAllIPs"] = ValueCheck.Bool, ["peerType"] = ValueCheck.PeerType,
        ["syncEnabled"] = ValueCheck.Bool, ["dynamicConfigFile"] = ValueCheck.None, ["standaloneEnabled"] = ValueCheck.Bool,
        ["reconfigEnabled"] = ValueCheck.Bool,
        ["quorum.auth.kerberos.servicePrincipal"] = ValueCheck.None, ["quorum.cnxn.threads.size"] = ValueCheck.Int,
        ["jvm.pause.info-threshold.ms"] = ValueCheck.Long, ["jvm.pause.warn-threshold.ms"] = ValueCheck.Long,
        ["jvm.pause.sleep.time.ms"] = ValueCheck.Long, ["jvm.pause.monitor"] = ValueCheck.Bool,
        ["multiAddress.enabled"] = ValueCheck.Bool,
        ["multiAddress.reachabilityCheckTimeoutMs"] = ValueCheck.Int, ["multiAddress.reachabilityCheckEnabled"] = ValueCheck.Bool,
        ["oraclePath"] = ValueCheck.None,
    };

    /// <summary>
    /// Key families the builder passes over: server.N and group.N / weight.N (hierarchical quorums), which
    /// <see cref="EnsembleConfig"/> reads, and the metricsProvider.* settings other than className, httpHost and
    /// httpPort, which ZkNet ignores.
    /// </summary>
    public static IReadOnlyList<string> IgnoredPrefixes { get; } = ["server.", "group", "weight", "metricsProvider."];

    /// <summary>
    /// System-property settings documented in zookeeperAdmin.md that ZkNet ignores (named without the prefix).
    /// Where the guide's heading and the property differ (connectionMaxTokens / connection_throttle_tokens), both.
    /// </summary>
    public static IReadOnlySet<string> IgnoredSystemProperties { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "commitLogCount", "maxResponseCacheSize", "maxGetChildrenResponseCacheSize",
        "emulate353TTLNodes", "watchManagerName", "watchManaggerName", "watcherCleanThreadsNum", "watcherCleanThreshold",
        "watcherCleanIntervalInSeconds", "maxInProcessingDeadWatchers", "bitHashCacheSize",
        "fastleader.minNotificationInterval", "fastleader.maxNotificationInterval",
        "serverCnxnFactory", "flushDelay", "maxWriteQueuePollTime", "maxBatchSize",
        "advancedFlowControlEnabled", "netty.advancedFlowControl.enabled", "enableEagerACLCheck",
        "maxConcurrentSnapSyncs", "leader.maxConcurrentSnapSyncs", "maxConcurrentDiffSyncs", "leader.maxConcurrentDiffSyncs",
        "snapshotSizeFactor", "audit.enable", "audit.impl.class",
        "outstandingHandshake.limit", "netty.server.outstandingHandshake.limit",
        "throttledOpWaitTime", "throttled_op_wait_time", "learner.closeSocketAsync", "maxTimeToWaitForEpoch",
        "leader.maxTimeToWaitForEpoch", "leaderServes", "cnxTimeout", "quorumCnxnTimeoutMs", "tcpKeepAlive", "clientTcpKeepAlive",
        "electionPortBindRetry", "observer.reconnectDelayMs", "observer.election.DelayMs", "observer.syncEnabled",
        "superUser", "authProvider",
        "kerberos.removeHostFromPrincipal", "kerberos.removeRealmFromPrincipal", "ensembleAuthName",
        "allowSaslFailedClients",
        "jute.maxbuffer.extrasize", "db.autocreate", "nio.numSelectorThreads", "nio.numWorkerThreads",
        "commitProcessor.numWorkerThreads", "commitProcessor.maxReadBatchSize", "commitProcessor.maxCommitBatchSize",
        "messageTracker.BufferSize", "messageTracker.Enabled",
    };

    /// <summary>
    /// System-property families ZkNet ignores: the ssl.* and ssl.quorum.* settings it does not use (the client port's
    /// own are read by ZooCfgBuilder.Tls.cs first, quorum TLS's by ZooCfgBuilder.QuorumTls.cs, the quorum key and trust
    /// stores by ZooCfgBuilder.Observability.cs), auth providers and other admin.* settings.
    /// </summary>
    public static IReadOnlyList<string> IgnoredSystemPropertyPrefixes { get; } = ["ssl.", "authProvider.", "admin."];

    /// <summary>The name of a system-property key without its optional zookeeper. prefix.</summary>
    public static string WithoutPrefix(string key) =>
        key.StartsWith(SystemPropertyPrefix, StringComparison.Ordinal) ? key[SystemPropertyPrefix.Length..] : key;

    /// <summary>Whether ZooKeeper knows <paramref name="key"/> and ZkNet accepts it without acting on it.</summary>
    public static bool IsIgnored(string key)
    {
        // admin.* and metricsProvider.* hold both: the keys ZkNet acts on are not part of the ignored families.
        if (Supported.Contains(key) || SupportedSystemProperties.Contains(WithoutPrefix(key)))
        {
            return false;
        }
        if (IgnoredChecked.ContainsKey(key) || IgnoredPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
        {
            return true;
        }
        var name = WithoutPrefix(key);
        return IgnoredSystemProperties.Contains(name) || IgnoredSystemPropertyPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}
