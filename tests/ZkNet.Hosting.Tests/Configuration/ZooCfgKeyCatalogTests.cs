using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>Keys ZooKeeper knows that ZkNet does not act on are "accepted, ignored"; anything else is unknown; neither is fatal.</summary>
public sealed class ZooCfgKeyCatalogTests
{
    public static TheoryData<string, string> IgnoredKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var (key, check) in ZooCfgKeys.IgnoredChecked)
        {
            data.Add(key, check switch
            {
                ValueCheck.Int or ValueCheck.Long => "5",
                ValueCheck.Bool => "false",
                ValueCheck.ElectionAlg => "3",
                ValueCheck.PeerType => "participant",
                _ => "something",
            });
        }
        foreach (var name in ZooCfgKeys.IgnoredSystemProperties)
        {
            data.Add(name, "1");
            data.Add(ZooCfgKeys.SystemPropertyPrefix + name, "1");
        }
        foreach (var key in new[] { "server.1", "server.12", "group.1", "weight.2", "metricsProvider.exportJvmInfo", "admin.httpVersion",
            "zookeeper.admin.httpVersion", "ssl.sslProvider", "ssl.quorum.sslProvider", "authProvider.1" })
        {
            data.Add(key, "1");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IgnoredKeys))]
    public void Key_ZooKeeper_knows_and_ZkNet_ignores_is_accepted_as_ignored(string key, string value)
    {
        // ZooKeeper insists on a secure port when a secure address is named.
        var extra = key == "secureClientPortAddress" ? "secureClientPort=2281\n" : "";
        var config = Cfg.Parse($"{extra}{key}={value}\n");
        Assert.Equal(extra.Length > 0 ? ["secureClientPort", key] : [key], config.IgnoredKeys);
        Assert.Empty(config.UnknownKeys);
        Assert.Equal(value, config.Raw[key]);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("ticktime")]           // keys are case-sensitive, as in ZooKeeper
    [InlineData("zookeeper.tickTime")] // tickTime is no system property, so the prefix does not apply
    [InlineData("4lw.commands.whitelist.extra")]
    public void Unknown_key_is_listed_and_not_fatal(string key)
    {
        var config = Cfg.Parse($"{key}=1\n");
        Assert.Equal([key], config.UnknownKeys);
        Assert.Empty(config.IgnoredKeys);
        Assert.Equal("1", config.Raw[key]);
    }

    [Fact]
    public void Supported_and_ignored_sets_do_not_overlap()
    {
        var ignored = ZooCfgKeys.IgnoredChecked.Keys.Concat(ZooCfgKeys.IgnoredSystemProperties).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(ignored.Intersect(ZooCfgKeys.Supported));
        Assert.Empty(ignored.Intersect(ZooCfgKeys.SupportedSystemProperties));
        Assert.DoesNotContain(ZooCfgKeys.Supported.Concat(ZooCfgKeys.SupportedSystemProperties), ZooCfgKeys.IsIgnored);
    }

    [Fact]
    public void Raw_holds_every_key_as_read_for_the_conf_command()
    {
        var config = Cfg.Parse("tickTime = 2500 \nserver.1=a:1:2\nmystery=x\n");
        Assert.Equal("2500", config.Raw["tickTime"]);
        Assert.Equal(5, config.Raw.Count);
    }
}
