using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Every key ZkNet acts on reaches its setting; system-property keys with or without the zookeeper. prefix.</summary>
public sealed class ZooCfgSupportedKeyTests
{
    [Theory]
    [InlineData("tickTime", "2500", "2500")]
    [InlineData("dataDir", "/var/zk/data/", "/var/zk/data")]
    [InlineData("dataDir", "rel/data", Cfg.BaseDirectory + "/rel/data")]
    [InlineData("dataDir", "x", Cfg.BaseDirectory + "/x")] // ZooKeeper 3.8 crashes on a one-character relative path
    [InlineData("dataLogDir", "/var/zk/log", "/var/zk/log")]
    [InlineData("dataLogDir", "./log", Cfg.BaseDirectory + "/log")]
    [InlineData("clientPort", "2999", "2999")]
    [InlineData("clientPortAddress", "10.1.2.3", "10.1.2.3")]
    [InlineData("maxClientCnxns", "0", "0")]
    [InlineData("minSessionTimeout", "1500", "1500")]
    [InlineData("maxSessionTimeout", "90000", "90000")]
    [InlineData("clientPortListenBacklog", "128", "128")]
    [InlineData("autopurge.snapRetainCount", "7", "7")]
    [InlineData("autopurge.purgeInterval", "12", "12")]
    [InlineData("metricsProvider.className", "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider", "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider")]
    [InlineData("metricsProvider.httpHost", "127.0.0.1", "127.0.0.1")]
    [InlineData("metricsProvider.httpPort", "7001", "7001")]
    [InlineData("sslQuorum", "false", "false")] // true also needs ssl.quorum.keyStore.location (QuorumTlsConfigTests)
    [InlineData("portUnification", "FALSE", "false")]
    [InlineData("sslQuorumReloadCertFiles", "true", "true")]
    [InlineData("quorum.auth.enableSasl", "true", "true")] // read with the JAAS file only in an ensemble (QuorumSaslConfigTests)
    [InlineData("quorum.auth.learnerRequireSasl", "false", "false")] // true needs enableSasl too
    [InlineData("quorum.auth.serverRequireSasl", "false", "false")] // true needs learnerRequireSasl too
    [InlineData("quorum.auth.learner.saslLoginContext", "Learner2", "Learner2")]
    [InlineData("quorum.auth.server.saslLoginContext", "Server2", "Server2")]
    [InlineData("localSessionsEnabled", "TRUE", "true")]
    [InlineData("localSessionsUpgradingEnabled", "true", "true")]
    public void ZooKeeper_key_sets_its_setting(string key, string value, string expected)
    {
        Assert.Equal(expected, Cfg.Setting(Cfg.Parse($"{key}={value}\n"), key));
    }

    [Theory]
    [InlineData("4lw.commands.whitelist", "stat, ruok", "ruok,srvr,stat")]
    [InlineData("4lw.commands.whitelist", "*", "*,srvr")]
    [InlineData("forceSync", "no", "false")]
    [InlineData("forceSync", "yes", "true")]
    [InlineData("snapCount", "5000", "5000")]
    [InlineData("snapSizeLimitInKb", "0x400", "1024")]
    [InlineData("preAllocSize", "1024", "1024")]
    [InlineData("txnLogSizeLimitInKb", "8192", "8192")]
    [InlineData("maxCnxns", "500", "500")]
    [InlineData("globalOutstandingLimit", "2000", "2000")]
    [InlineData("nio.sessionlessCnxnTimeout", "0x5dc", "1500")]
    [InlineData("jute.maxbuffer", "4194304", "4194304")]
    [InlineData("jute.maxbuffer", "0x400000", "4194304")]
    [InlineData("extendedTypesEnabled", "true", "true")]
    [InlineData("znode.container.checkIntervalMs", "1000", "1000")]
    [InlineData("znode.container.maxPerMinute", "50", "50")]
    [InlineData("znode.container.maxNeverUsedIntervalMs", "30000", "30000")]
    [InlineData("fsync.warningthresholdms", "50", "50")]
    [InlineData("skipACL", "yes", "true")]
    [InlineData("enforceQuota", "TRUE", "true")]
    [InlineData("DigestAuthenticationProvider.superDigest", "super:D/InIHSb7yEEbrWz8b9l71RjZJU=", "super:D/InIHSb7yEEbrWz8b9l71RjZJU=")]
    [InlineData("digest.enabled", "false", "false")]
    [InlineData("readonlymode.enabled", "true", "true")]
    [InlineData("electionHandshakeHoldMs", "0", "0")]
    [InlineData("electionHandshakeHoldMs", "500", "500")]
    [InlineData("electionHandshakeHoldMs", "-1", "(default)")]
    [InlineData("largeRequestThreshold", "0x400", "1024")]
    [InlineData("largeRequestMaxBytes", "4096", "4096")]
    [InlineData("connectionMaxTokens", "20", "20")]
    [InlineData("connection_throttle_tokens", "20", "20")]
    [InlineData("connectionTokenFillTime", "100", "100")]
    [InlineData("connection_throttle_fill_time", "100", "100")]
    [InlineData("connectionTokenFillCount", "2", "2")]
    [InlineData("connection_throttle_fill_count", "2", "2")]
    [InlineData("connectionFreezeTime", "50", "50")]
    [InlineData("connection_throttle_freeze_time", "50", "50")]
    [InlineData("connectionDropIncrease", "0.05", "0.05")]
    [InlineData("connection_throttle_drop_increase", "0.05", "0.05")]
    [InlineData("connectionDropDecrease", "0.01", "0.01")]
    [InlineData("connection_throttle_drop_decrease", "0.01", "0.01")]
    [InlineData("connectionDecreaseRatio", "0.5", "0.5")]
    [InlineData("connection_throttle_decrease_ratio", "0.5", "0.5")]
    [InlineData("connection_throttle_weight_enabled", "true", "true")]
    [InlineData("connection_throttle_global_session_weight", "4", "4")]
    [InlineData("connection_throttle_renew_session_weight", "3", "3")]
    [InlineData("connection_throttle_local_session_weight", "2", "2")]
    [InlineData("requestThrottleLimit", "2", "2")]
    [InlineData("request_throttle_max_requests", "0x10", "16")]
    [InlineData("requestThrottleStallTime", "50", "50")]
    [InlineData("request_throttle_stall_time", "0", "0")]
    [InlineData("requestThrottleDropStale", "false", "false")]
    [InlineData("request_throttle_drop_stale", "FALSE", "false")]
    [InlineData("requestStaleLatencyCheck", "true", "true")]
    [InlineData("request_stale_latency_check", "True", "true")]
    [InlineData("requestStaleConnectionCheck", "false", "false")]
    [InlineData("request_stale_connection_check", "false", "false")]
    [InlineData("request_throttler.shutdownTimeout", "2000", "2000")]
    [InlineData("datadir.autocreate", "false", "false")]
    [InlineData("snapshot.trust.empty", "true", "true")]
    [InlineData("snapshot.compression.method", "snappy", "snappy")]
    [InlineData("admin.enableServer", "false", "false")]
    [InlineData("admin.serverAddress", "127.0.0.1", "127.0.0.1")]
    [InlineData("admin.serverPort", "9090", "9090")]
    [InlineData("admin.commandURL", "/cmd", "/cmd")]
    [InlineData("admin.idleTimeout", "5000", "5000")]
    [InlineData("admin.snapshot.enabled", "false", "false")]
    [InlineData("admin.restore.enabled", "FALSE", "false")]
    [InlineData("admin.rateLimiterIntervalInMS", "1000", "1000")]
    [InlineData("admin.restore.maxBytes", "4096", "4096")]
    [InlineData("admin.portUnification", "true", "true")]
    [InlineData("admin.forceHttps", "True", "true")]
    [InlineData("admin.needClientAuth", "true", "true")]
    [InlineData("ssl.quorum.keyStore.location", "/k.p12", "/k.p12")]
    [InlineData("ssl.quorum.keyStore.password", "p", "p")]
    [InlineData("ssl.quorum.keyStore.passwordPath", "/p", "/p")]
    [InlineData("ssl.quorum.keyStore.type", "PEM", "PEM")]
    [InlineData("ssl.quorum.trustStore.location", "/t.p12", "/t.p12")]
    [InlineData("ssl.quorum.trustStore.password", "p", "p")]
    [InlineData("ssl.quorum.trustStore.passwordPath", "/p", "/p")]
    [InlineData("ssl.quorum.trustStore.type", "PKCS12", "PKCS12")]
    [InlineData("ssl.quorum.clientAuth", "want", "want")]
    [InlineData("ssl.quorum.protocol", "TLSv1.2", "TLSv1.2")]
    [InlineData("ssl.quorum.enabledProtocols", "TLSv1.2,TLSv1.3", "TLSv1.2,TLSv1.3")]
    [InlineData("ssl.quorum.ciphersuites", "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")]
    [InlineData("ssl.quorum.hostnameVerification", "false", "false")]
    [InlineData("ssl.quorum.handshakeDetectionTimeoutMillis", "2500", "2500")]
    public void System_property_key_sets_its_setting_with_or_without_the_zookeeper_prefix(string key, string value, string expected)
    {
        var plain = Cfg.Parse($"{key}={value}\n");
        Assert.Equal(expected, Cfg.Setting(plain, key));
        var prefixed = Cfg.Parse($"zookeeper.{key}={value}\n");
        Assert.Equal(expected, Cfg.Setting(prefixed, key));
        Assert.Empty(plain.Warnings);
        Assert.Empty(prefixed.UnknownKeys);
    }

    [Fact]
    public void Every_supported_key_has_a_test_row()
    {
        // Keeps this class and docs/compatibility.md honest when a key is added to ZooCfgKeys.
        var parsed = Cfg.Parse("");
        foreach (var key in ZooCfgKeys.Supported.Concat(ZooCfgKeys.SupportedSystemProperties))
        {
            _ = Cfg.Setting(parsed, key); // throws for a key without a mapping
        }
        Assert.Equal(24, ZooCfgKeys.Supported.Count);
        Assert.Equal(81, ZooCfgKeys.SupportedSystemProperties.Count);
    }

    [Fact]
    public void A_file_without_optional_keys_gets_ZooKeepers_defaults()
    {
        var c = Cfg.Parse("");
        Assert.Equal((3000, 6000, 60000, 60, -1), (c.TickTime, c.EffectiveMinSessionTimeout, c.EffectiveMaxSessionTimeout, c.MaxClientCnxns, c.ClientPortListenBacklog));
        Assert.Equal(ServerConfig.AnyAddress, c.ClientPortAddress); // ZooKeeper binds every address when none is named
        Assert.Null(c.DataLogDir);
        Assert.Equal(["srvr"], c.FourLetterWordWhitelist);
        Assert.Equal((true, 100_000, 4_194_304L, 65_536L), (c.ForceSync, c.SnapCount, c.SnapSizeLimitInKb, c.PreAllocSizeKb));
        Assert.Equal((0xfffff, false, false, true, true), (c.JuteMaxBuffer, c.ExtendedTypesEnabled, c.SkipAcl, c.DigestEnabled, c.DataDirAutocreate));
        Assert.Equal((60_000, 10_000, 0L, 1000), (c.ContainerCheckIntervalMs, c.ContainerMaxPerMinute, c.ContainerMaxNeverUsedIntervalMs, c.FsyncWarningThresholdMs));
        Assert.Equal((false, false), (c.LocalSessionsEnabled, c.LocalSessionsUpgradingEnabled)); // QuorumPeerConfig's defaults, both
        Assert.Equal((3, 0, 0, 1000, -1L), (c.AutopurgeSnapRetainCount, c.AutopurgePurgeIntervalHours, c.MaxCnxns, c.GlobalOutstandingLimit, c.TxnLogSizeLimitInKb));
        var t = c.RequestThrottle;
        Assert.Equal((0, 100, true, true, false, 10_000), (t.MaxRequests, t.StallTimeMs, t.DropStale, t.StaleConnectionCheck, t.StaleLatencyCheck, t.ShutdownTimeoutMs));
    }

    [Fact]
    public void Embedded_defaults_are_ZooKeepers_except_loopback_zknet_data_and_no_admin_port()
    {
        var fromFile = Cfg.Parse("");
        var embedded = new ServerConfig();
        Assert.Equal("127.0.0.1", embedded.ClientPortAddress);
        Assert.Equal("zknet-data", embedded.DataDir);
        Assert.Equal(2181, embedded.ClientPort);
        Assert.Equal(fromFile with
        {
            DataDir = embedded.DataDir,
            ClientPortAddress = embedded.ClientPortAddress,
            Raw = embedded.Raw,
            UnknownKeys = embedded.UnknownKeys,
            IgnoredKeys = embedded.IgnoredKeys,
            Warnings = embedded.Warnings,
            FourLetterWordWhitelist = embedded.FourLetterWordWhitelist,
            // An embedded server opens no HTTP port unless asked (no 8080 to collide on); a zoo.cfg gets ZooKeeper's.
            Admin = embedded.Admin,
        }, embedded);
        Assert.Equal(fromFile.Admin with { Enabled = false }, embedded.Admin);
        Assert.Equal(fromFile.FourLetterWordWhitelist, embedded.FourLetterWordWhitelist);
    }
}
