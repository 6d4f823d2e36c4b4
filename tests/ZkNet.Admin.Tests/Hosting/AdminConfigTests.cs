using ZkNet.Hosting.Configuration;

namespace ZkNet.Admin.Tests.Hosting;

/// <summary>zoo.cfg's admin.* and metricsProvider.* keys, read as ZooKeeper reads them.</summary>
public sealed class AdminConfigTests
{
    private static ServerConfig Parse(string lines) => ZooCfgParser.Parse("dataDir=/srv/zk\nclientPort=2181\n" + lines, "/srv");

    [Fact]
    public void A_zoo_cfg_without_admin_keys_gets_ZooKeepers_defaults()
    {
        var config = Parse("");
        Assert.Equal(new AdminServerOptions { Enabled = true }, config.Admin);
        Assert.Equal(("0.0.0.0", 8080, "/commands", 30_000), (config.Admin.Address, config.Admin.Port, config.Admin.CommandUrl, config.Admin.IdleTimeoutMs));
        Assert.False(config.MetricsProvider.IsPrometheus);
        Assert.Equal(("0.0.0.0", 7000), (config.MetricsProvider.HttpHost, config.MetricsProvider.HttpPort));
    }

    [Fact]
    public void A_config_built_in_code_has_no_admin_server_unless_asked()
    {
        Assert.False(new ServerConfig().Admin.Enabled);
        Assert.False(new ServerConfig().MetricsProvider.IsPrometheus);
    }

    [Fact]
    public void Admin_and_metrics_keys_are_read_with_or_without_the_zookeeper_prefix()
    {
        var config = Parse("admin.serverAddress=127.0.0.1\nzookeeper.admin.serverPort=9090\nadmin.commandURL=/cmd\nadmin.idleTimeout=5000\n" +
            $"metricsProvider.className={MetricsProviderOptions.PrometheusClassName}\nmetricsProvider.httpHost=127.0.0.1\nmetricsProvider.httpPort=7001\n");
        Assert.Equal(new AdminServerOptions { Enabled = true, Address = "127.0.0.1", Port = 9090, CommandUrl = "/cmd", IdleTimeoutMs = 5000 }, config.Admin);
        Assert.True(config.MetricsProvider.IsPrometheus);
        Assert.Equal(("127.0.0.1", 7001), (config.MetricsProvider.HttpHost, config.MetricsProvider.HttpPort));
        Assert.Empty(config.UnknownKeys);
        Assert.Empty(config.IgnoredKeys);
    }

    [Fact]
    public void ZooKeeper_3_9_snapshot_and_restore_keys_and_admin_HTTPS_keys_are_read()
    {
        var config = Parse("admin.snapshot.enabled=false\nzookeeper.admin.restore.enabled=TRUE\nadmin.rateLimiterIntervalInMS=1000\n" +
            "admin.restore.maxBytes=4096\nadmin.portUnification=true\nadmin.forceHttps=yes\nadmin.needClientAuth=true\n" +
            "ssl.quorum.keyStore.location=/k.p12\nssl.quorum.keyStore.password=p\nssl.quorum.keyStore.type=PKCS12\n" +
            "zookeeper.ssl.quorum.trustStore.location=/t.p12\nssl.quorum.trustStore.passwordPath=/pw\n");
        Assert.Equal(new AdminServerOptions
        {
            Enabled = true, SnapshotEnabled = false, RestoreEnabled = true, RateLimiterIntervalMs = 1000, RestoreMaxBytes = 4096,
            // Boolean.getBoolean: only "true" (any case) is true.
            PortUnification = true, ForceHttps = false, NeedClientAuth = true,
        }, config.Admin);
        Assert.Equal(new StoreSettings { Location = "/k.p12", Password = "p", Type = "PKCS12" }, config.QuorumKeyStore);
        Assert.Equal(new StoreSettings { Location = "/t.p12", PasswordPath = "/pw" }, config.QuorumTrustStore);
        Assert.Empty(config.UnknownKeys);
        Assert.Empty(config.IgnoredKeys);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("yes")]
    [InlineData("TRUE")]
    public void Anything_but_true_turns_the_admin_server_off_as_in_ZooKeeper(string value) =>
        Assert.False(Parse($"admin.enableServer={value}\n").Admin.Enabled);

    [Fact]
    public void A_malformed_admin_port_falls_back_to_8080_with_a_warning()
    {
        var config = Parse("admin.serverPort=eighty\n");
        Assert.Equal(8080, config.Admin.Port);
        Assert.Contains(config.Warnings, w => w.Contains("admin.serverPort 'eighty' is not a number", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("metricsProvider.httpPort=seven", "'seven' is not an integer")]
    [InlineData("metricsProvider.httpPort=70000", "port out of range: 70000")]
    [InlineData("admin.serverPort=-2", "port out of range: -2")]
    public void A_bad_port_is_refused_with_the_key_and_the_reason(string line, string reason)
    {
        var ex = Assert.Throws<ConfigException>(() => Parse(line + "\n"));
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Contains(line.Split('=')[0], ex.Message, StringComparison.Ordinal);
    }
}
