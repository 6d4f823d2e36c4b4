using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Values ZooKeeper refuses to start with are refused with the key and the line (the differential tests prove ZooKeeper refuses them).</summary>
public sealed class ZooCfgRefusalTests
{
    [Theory]
    [InlineData("tickTime=abc", "tickTime")]
    [InlineData("tickTime=2000.5", "tickTime")]
    [InlineData("tickTime=0x10", "tickTime")]
    [InlineData("clientPort=21x", "clientPort")]
    [InlineData("maxClientCnxns=99999999999", "maxClientCnxns")]
    [InlineData("minSessionTimeout=soon", "minSessionTimeout")]
    [InlineData("maxSessionTimeout=", "maxSessionTimeout")]
    [InlineData("clientPortListenBacklog=many", "clientPortListenBacklog")]
    [InlineData("autopurge.snapRetainCount=three", "autopurge.snapRetainCount")]
    [InlineData("autopurge.purgeInterval=daily", "autopurge.purgeInterval")]
    [InlineData("initLimit=ten", "initLimit")]
    [InlineData("syncLimit=5s", "syncLimit")]
    [InlineData("secureClientPort=x", "secureClientPort")]
    [InlineData("jvm.pause.sleep.time.ms=soon", "jvm.pause.sleep.time.ms")]
    [InlineData("standaloneEnabled=maybe", "standaloneEnabled")]
    [InlineData("reconfigEnabled=yes", "reconfigEnabled")]
    [InlineData("localSessionsEnabled=1", "localSessionsEnabled")]
    [InlineData("electionAlg=1", "electionAlg")]
    [InlineData("peerType=leader", "peerType")]
    public void Invalid_value_is_refused_naming_the_key_and_line(string line, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Cfg.Parse("# the line under test is line 4\n" + line + "\n"));
        Assert.Equal(key, error.Key);
        Assert.Equal(4, error.Line);
        Assert.StartsWith($"zoo.cfg line 4: {key}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_dataDir_is_refused()
    {
        var error = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse("clientPort=2181\n", Cfg.BaseDirectory));
        Assert.Equal("dataDir", error.Key);
        Assert.Contains("dataDir is not set", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dataDir=/d\n")]
    [InlineData("dataDir=/d\nclientPort=0\n")]
    public void Missing_or_zero_clientPort_is_refused(string text)
    {
        Assert.Equal("clientPort", Assert.Throws<ConfigException>(() => ZooCfgParser.Parse(text, Cfg.BaseDirectory)).Key);
    }

    [Fact]
    public void ClientPortAddress_without_clientPort_is_refused_as_ZooKeeper_does()
    {
        var error = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse("dataDir=/d\nclientPortAddress=127.0.0.1\n", Cfg.BaseDirectory));
        Assert.Equal(("clientPortAddress", 2), (error.Key, error.Line));
    }

    [Theory]
    [InlineData("clientPort=70000")]
    [InlineData("clientPort=-1")]
    public void ClientPort_out_of_range_is_refused(string line)
    {
        var error = Assert.Throws<ConfigException>(() => ZooCfgParser.Parse("dataDir=/d\n" + line, Cfg.BaseDirectory));
        Assert.Equal(("clientPort", 2), (error.Key, error.Line));
    }

    [Theory]
    [InlineData("tickTime=0")]
    [InlineData("tickTime=-5\nminSessionTimeout=1000\nmaxSessionTimeout=2000")]
    public void Zero_or_negative_tickTime_is_refused(string lines)
    {
        Assert.Equal("tickTime", Assert.Throws<ConfigException>(() => Cfg.Parse(lines)).Key);
    }

    [Theory]
    [InlineData("minSessionTimeout=9000\nmaxSessionTimeout=8000")]
    [InlineData("tickTime=1000\nmaxSessionTimeout=1500")] // the default minimum, 2 ticks, is above the maximum
    public void Minimum_session_timeout_above_the_maximum_is_refused(string lines)
    {
        Assert.Contains("minSessionTimeout must not be larger than maxSessionTimeout", Assert.Throws<ConfigException>(() => Cfg.Parse(lines)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SecureClientPortAddress_without_secureClientPort_is_refused()
    {
        Assert.Equal("secureClientPortAddress", Assert.Throws<ConfigException>(() => Cfg.Parse("secureClientPortAddress=127.0.0.1")).Key);
    }

    [Fact]
    public void Empty_dataDir_is_refused()
    {
        Assert.Equal(("dataDir", 3), Assert.Throws<ConfigException>(() => Cfg.Parse("dataDir=")) is var e ? (e.Key, e.Line) : default);
    }
}
