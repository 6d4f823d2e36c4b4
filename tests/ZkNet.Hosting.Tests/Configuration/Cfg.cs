using System.Globalization;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Helpers: a minimal valid zoo.cfg around the lines under test, and each setting read back as text.</summary>
internal static class Cfg
{
    public const string BaseDirectory = "/srv/zk-base";

    /// <summary>Parses <paramref name="lines"/> after the two lines every zoo.cfg needs (so they start on line 3).</summary>
    public static ServerConfig Parse(string lines) => ZooCfgParser.Parse("dataDir=/srv/zk\nclientPort=2181\n" + lines, BaseDirectory);

    /// <summary>The setting a supported key (named without the zookeeper. prefix) ends up in, as invariant text.</summary>
    public static string Setting(ServerConfig c, string key) => key switch
    {
        "tickTime" => S(c.TickTime),
        "dataDir" => c.DataDir,
        "dataLogDir" => c.DataLogDir ?? "(null)",
        "clientPort" => S(c.ClientPort),
        "clientPortAddress" => c.ClientPortAddress,
        "maxClientCnxns" => S(c.MaxClientCnxns),
        "minSessionTimeout" => S(c.EffectiveMinSessionTimeout),
        "maxSessionTimeout" => S(c.EffectiveMaxSessionTimeout),
        "clientPortListenBacklog" => S(c.ClientPortListenBacklog),
        "autopurge.snapRetainCount" => S(c.AutopurgeSnapRetainCount),
        "autopurge.purgeInterval" => S(c.AutopurgePurgeIntervalHours),
        "localSessionsEnabled" => B(c.LocalSessionsEnabled),
        "localSessionsUpgradingEnabled" => B(c.LocalSessionsUpgradingEnabled),
        "metricsProvider.className" => c.MetricsProvider.ClassName ?? "(null)",
        "metricsProvider.httpHost" => c.MetricsProvider.HttpHost,
        "metricsProvider.httpPort" => S(c.MetricsProvider.HttpPort),
        "admin.enableServer" => B(c.Admin.Enabled),
        "admin.serverAddress" => c.Admin.Address,
        "admin.serverPort" => S(c.Admin.Port),
        "admin.commandURL" => c.Admin.CommandUrl,
        "admin.idleTimeout" => S(c.Admin.IdleTimeoutMs),
        "admin.snapshot.enabled" => B(c.Admin.SnapshotEnabled),
        "admin.restore.enabled" => B(c.Admin.RestoreEnabled),
        "admin.rateLimiterIntervalInMS" => S(c.Admin.RateLimiterIntervalMs),
        "admin.restore.maxBytes" => S(c.Admin.RestoreMaxBytes),
        "admin.portUnification" => B(c.Admin.PortUnification),
        "admin.forceHttps" => B(c.Admin.ForceHttps),
        "admin.needClientAuth" => B(c.Admin.NeedClientAuth),
        "ssl.quorum.keyStore.location" => c.QuorumKeyStore.Location ?? "(null)",
        "ssl.quorum.keyStore.password" => c.QuorumKeyStore.Password ?? "(null)",
        "ssl.quorum.keyStore.passwordPath" => c.QuorumKeyStore.PasswordPath ?? "(null)",
        "ssl.quorum.keyStore.type" => c.QuorumKeyStore.Type ?? "(null)",
        "ssl.quorum.trustStore.location" => c.QuorumTrustStore.Location ?? "(null)",
        "ssl.quorum.trustStore.password" => c.QuorumTrustStore.Password ?? "(null)",
        "ssl.quorum.trustStore.passwordPath" => c.QuorumTrustStore.PasswordPath ?? "(null)",
        "ssl.quorum.trustStore.type" => c.QuorumTrustStore.Type ?? "(null)",
        "sslQuorum" => B(c.QuorumTls.SslQuorum),
        "portUnification" => B(c.QuorumTls.PortUnification),
        "sslQuorumReloadCertFiles" => B(c.QuorumTls.ReloadCertFiles),
        "quorum.auth.enableSasl" => B(c.QuorumSasl.EnableSasl),
        "quorum.auth.learnerRequireSasl" => B(c.QuorumSasl.LearnerRequireSasl),
        "quorum.auth.serverRequireSasl" => B(c.QuorumSasl.ServerRequireSasl),
        "quorum.auth.learner.saslLoginContext" => c.QuorumSasl.LearnerLoginContext,
        "quorum.auth.server.saslLoginContext" => c.QuorumSasl.ServerLoginContext,
        "ssl.quorum.clientAuth" => c.QuorumTls.ClientAuth.ToString().ToLowerInvariant(),
        "ssl.quorum.protocol" => c.QuorumTls.Protocol ?? "(null)",
        "ssl.quorum.enabledProtocols" => string.Join(",", c.QuorumTls.EnabledProtocols ?? []),
        "ssl.quorum.ciphersuites" => string.Join(",", c.QuorumTls.CipherSuites ?? []),
        "ssl.quorum.hostnameVerification" => B(c.QuorumTls.HostnameVerification),
        "ssl.quorum.handshakeDetectionTimeoutMillis" => S(c.QuorumTls.HandshakeDetectionTimeoutMs),
        "4lw.commands.whitelist" => string.Join(",", c.FourLetterWordWhitelist.Order(StringComparer.Ordinal)),
        "forceSync" => B(c.ForceSync),
        "snapCount" => S(c.SnapCount),
        "snapSizeLimitInKb" => S(c.SnapSizeLimitInKb),
        "preAllocSize" => S(c.PreAllocSizeKb),
        "txnLogSizeLimitInKb" => S(c.TxnLogSizeLimitInKb),
        "maxCnxns" => S(c.MaxCnxns),
        "globalOutstandingLimit" => S(c.GlobalOutstandingLimit),
        "nio.sessionlessCnxnTimeout" => S(c.SessionlessCnxnTimeout),
        "jute.maxbuffer" => S(c.JuteMaxBuffer),
        "extendedTypesEnabled" => B(c.ExtendedTypesEnabled),
        "znode.container.checkIntervalMs" => S(c.ContainerCheckIntervalMs),
        "znode.container.maxPerMinute" => S(c.ContainerMaxPerMinute),
        "znode.container.maxNeverUsedIntervalMs" => S(c.ContainerMaxNeverUsedIntervalMs),
        "fsync.warningthresholdms" => S(c.FsyncWarningThresholdMs),
        "skipACL" => B(c.SkipAcl),
        "enforceQuota" => B(c.EnforceQuota),
        "DigestAuthenticationProvider.superDigest" => c.SuperDigest ?? "(null)",
        "digest.enabled" => B(c.DigestEnabled),
        "readonlymode.enabled" => B(c.ReadOnlyModeEnabled),
        "electionHandshakeHoldMs" => c.ElectionHandshakeHoldMs is { } hold ? S(hold) : "(default)",
        "largeRequestThreshold" => S(c.LargeRequestThreshold),
        "largeRequestMaxBytes" => S(c.LargeRequestMaxBytes),
        "connectionMaxTokens" or "connection_throttle_tokens" => S(c.ConnectionThrottle.MaxTokens),
        "connectionTokenFillTime" or "connection_throttle_fill_time" => S(c.ConnectionThrottle.FillTimeMs),
        "connectionTokenFillCount" or "connection_throttle_fill_count" => S(c.ConnectionThrottle.FillCount),
        "connectionFreezeTime" or "connection_throttle_freeze_time" => S(c.ConnectionThrottle.FreezeTimeMs),
        "connectionDropIncrease" or "connection_throttle_drop_increase" => D(c.ConnectionThrottle.DropIncrease),
        "connectionDropDecrease" or "connection_throttle_drop_decrease" => D(c.ConnectionThrottle.DropDecrease),
        "connectionDecreaseRatio" or "connection_throttle_decrease_ratio" => D(c.ConnectionThrottle.DecreaseRatio),
        "connection_throttle_weight_enabled" => B(c.ConnectionThrottle.WeightEnabled),
        "connection_throttle_global_session_weight" => S(c.ConnectionThrottle.GlobalSessionWeight),
        "connection_throttle_renew_session_weight" => S(c.ConnectionThrottle.RenewSessionWeight),
        "connection_throttle_local_session_weight" => S(c.ConnectionThrottle.LocalSessionWeight),
        "requestThrottleLimit" or "request_throttle_max_requests" => S(c.RequestThrottle.MaxRequests),
        "requestThrottleStallTime" or "request_throttle_stall_time" => S(c.RequestThrottle.StallTimeMs),
        "requestThrottleDropStale" or "request_throttle_drop_stale" => B(c.RequestThrottle.DropStale),
        "requestStaleLatencyCheck" or "request_stale_latency_check" => B(c.RequestThrottle.StaleLatencyCheck),
        "requestStaleConnectionCheck" or "request_stale_connection_check" => B(c.RequestThrottle.StaleConnectionCheck),
        "request_throttler.shutdownTimeout" => S(c.RequestThrottle.ShutdownTimeoutMs),
        "datadir.autocreate" => B(c.DataDirAutocreate),
        "snapshot.trust.empty" => B(c.SnapshotTrustEmpty),
        "snapshot.compression.method" => c.SnapshotCompressionMethod,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a supported key"),
    };

    private static string S(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "true" : "false";
}
