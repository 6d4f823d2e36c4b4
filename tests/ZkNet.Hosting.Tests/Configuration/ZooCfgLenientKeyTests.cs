using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>
/// ZooKeeper reads its system-property settings leniently (Integer.getInteger, Boolean.getBoolean, string
/// comparisons): a malformed value never stops it. ZkNet takes the same value and says so in Warnings.
/// </summary>
public sealed class ZooCfgLenientKeyTests
{
    [Theory]
    [InlineData("snapCount=lots", "snapCount", "100000")]
    [InlineData("snapCount=1", "snapCount", "2")]
    [InlineData("snapSizeLimitInKb=huge", "snapSizeLimitInKb", "4194304")]
    [InlineData("preAllocSize=big", "preAllocSize", "65536")]
    [InlineData("maxCnxns=many", "maxCnxns", "0")]
    [InlineData("globalOutstandingLimit=0x10", "globalOutstandingLimit", "1000")] // parsed with parseInt, not decode
    [InlineData("jute.maxbuffer=1MB", "jute.maxbuffer", "1048575")]
    [InlineData("jute.maxbuffer=-1", "jute.maxbuffer", "1048575")]
    [InlineData("znode.container.checkIntervalMs=1m", "znode.container.checkIntervalMs", "60000")]
    [InlineData("fsync.warningthresholdms=slow", "fsync.warningthresholdms", "1000")]
    [InlineData("forceSync=false", "forceSync", "true")]   // only "no" turns it off
    [InlineData("forceSync=No", "forceSync", "true")]
    [InlineData("skipACL=true", "skipACL", "false")]       // only "yes" turns it on
    [InlineData("extendedTypesEnabled=yes", "extendedTypesEnabled", "false")]
    [InlineData("enforceQuota=yes", "enforceQuota", "false")]        // Boolean.parseBoolean
    [InlineData("digest.enabled=on", "digest.enabled", "false")]
    [InlineData("4lw.commands.whitelist=ruok,bogus", "4lw.commands.whitelist", "bogus,ruok,srvr")]
    [InlineData("request_throttle_max_requests=many", "request_throttle_max_requests", "0")]
    [InlineData("request_throttle_stall_time=-5", "request_throttle_stall_time", "100")]
    [InlineData("request_throttle_drop_stale=no", "request_throttle_drop_stale", "false")] // Boolean.parseBoolean
    public void Malformed_system_property_value_takes_ZooKeepers_value_with_a_warning(string line, string key, string expected)
    {
        var config = Cfg.Parse(line + "\n");
        Assert.Equal(expected, Cfg.Setting(config, key));
        Assert.Contains(config.Warnings, w => w.Contains("line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void AutopurgeSnapRetainCount_below_three_becomes_three_with_a_warning()
    {
        var config = Cfg.Parse("autopurge.snapRetainCount=1\n");
        Assert.Equal(3, config.AutopurgeSnapRetainCount);
        Assert.Contains(config.Warnings, w => w.Contains("autopurge.snapRetainCount", StringComparison.Ordinal));
    }

    [Fact]
    public void Octal_and_hex_follow_Integer_decode_where_ZooKeeper_uses_getInteger()
    {
        var config = Cfg.Parse("znode.container.maxPerMinute=010\nsnapSizeLimitInKb=#10\nsnapCount=010\n");
        Assert.Equal(8, config.ContainerMaxPerMinute);
        Assert.Equal(16, config.SnapSizeLimitInKb);
        Assert.Equal(10, config.SnapCount); // snapCount is read with parseInt: decimal
    }

    [Fact]
    public void Prefixed_and_plain_forms_of_one_setting_are_one_setting_and_the_later_line_wins()
    {
        var config = Cfg.Parse("snapCount=5000\nzookeeper.snapCount=7000\n");
        Assert.Equal(7000, config.SnapCount);
        Assert.Contains(config.Warnings, w => w.Contains("zookeeper.snapCount overrides snapCount", StringComparison.Ordinal));
    }

    [Fact]
    public void Relative_paths_are_reported()
    {
        var config = Cfg.Parse("dataLogDir=logs\n");
        Assert.Contains(config.Warnings, w => w.Contains("dataLogDir logs is relative", StringComparison.Ordinal));
    }

    [Fact]
    public void The_whitelist_stops_at_a_star_and_always_allows_srvr()
    {
        Assert.Equal(["*", "ruok", "srvr"], Cfg.Parse("4lw.commands.whitelist=ruok,*,bogus\n").FourLetterWordWhitelist.Order(StringComparer.Ordinal));
        Assert.Equal(["srvr"], Cfg.Parse("4lw.commands.whitelist=\n").FourLetterWordWhitelist);
    }
}
