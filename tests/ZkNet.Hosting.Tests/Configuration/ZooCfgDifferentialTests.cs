using System.Globalization;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Tests.Support;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>
/// Differential: each case is parsed by Apache ZooKeeper 3.8's own QuorumPeerConfig (Debian package) and by
/// ZooCfgParser; they must refuse the same files and settle on the same values for the others.
/// </summary>
public sealed class ZooCfgDifferentialTests(OracleFixture oracle) : IClassFixture<OracleFixture>
{
    private static readonly string[] Words =
        ["conf", "cons", "crst", "dirs", "dump", "envi", "gtmk", "ruok", "stmk", "srst", "srvr", "stat", "wchc", "wchp", "wchs", "mntr", "isro", "hash"];

    public static TheoryData<string> Cases => new(DifferentialCases.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZooCfgParser_accepts_and_refuses_what_ZooKeeper_does_and_reads_the_same_values(string name)
    {
        var zk = oracle.Results[name];
        ServerConfig? ours = null;
        ConfigException? refusal = null;
        try
        {
            ours = ZooCfgParser.Parse(DifferentialCases.All[name], oracle.Directory);
        }
        catch (ConfigException e)
        {
            refusal = e;
        }
        if (DifferentialCases.KnownDeviations.TryGetValue(name, out var why))
        {
            Assert.True(zk.Error is null && refusal is not null, $"{name} is documented as accepted by ZooKeeper and refused by ZkNet ({why})");
            return;
        }
        if (zk.Error is not null)
        {
            Assert.True(refusal is not null, $"ZooKeeper refuses {name} ({zk.Error}) but ZooCfgParser accepted it");
            return;
        }
        Assert.True(refusal is null, $"ZooKeeper accepts {name} but ZooCfgParser refused it: {refusal?.Message}");
        AssertSameValues(zk.Values, ours!);
        AssertSameKeyClassification(zk.Values, ours!);
    }

    private static void AssertSameValues(IReadOnlyDictionary<string, string> zk, ServerConfig ours)
    {
        string S(long value) => value.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(zk["tickTime"], S(ours.TickTime));
        Assert.Equal(zk["minSessionTimeout"], S(ours.EffectiveMinSessionTimeout));
        Assert.Equal(zk["maxSessionTimeout"], S(ours.EffectiveMaxSessionTimeout));
        Assert.Equal(zk["maxClientCnxns"], S(ours.MaxClientCnxns));
        Assert.Equal(zk["clientPortListenBacklog"], S(ours.ClientPortListenBacklog));
        Assert.Equal(zk["dataDir"], ours.DataDir);
        Assert.Equal(zk["dataLogDir"], ours.DataLogDir ?? ours.DataDir);
        Assert.Equal(zk["clientPortAddress"], ours.ClientPortAddress);
        Assert.Equal(zk["clientPort"], S(ours.ClientPort));
        Assert.Equal(zk["snapRetainCount"], S(ours.AutopurgeSnapRetainCount));
        Assert.Equal(zk["purgeInterval"], S(ours.AutopurgePurgeIntervalHours));
        Assert.Equal(zk["snapCount"], S(ours.SnapCount));
        Assert.Equal(zk["snapSizeLimitInKb"], S(ours.SnapSizeLimitInKb));
        Assert.Equal(zk["extendedTypesEnabled"], ours.ExtendedTypesEnabled ? "true" : "false");
        var enabled = Words.Where(w => ours.FourLetterWordWhitelist.Contains("*") || ours.FourLetterWordWhitelist.Contains(w));
        Assert.Equal(zk["4lw"], string.Join(',', enabled));
    }

    // A key ZooKeeper consumed itself (it set no zookeeper.K system property for it) must be one ZkNet knows as a
    // QuorumPeerConfig key; a key ZooKeeper passed on as a system property must not be one.
    private static void AssertSameKeyClassification(IReadOnlyDictionary<string, string> zk, ServerConfig ours)
    {
        foreach (var key in ours.Raw.Keys)
        {
            var passedOn = zk.ContainsKey("sysprop.zookeeper." + key);
            var family = ZooCfgKeys.IgnoredPrefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal));
            var core = ZooCfgKeys.Supported.Contains(key) || ZooCfgKeys.IgnoredChecked.ContainsKey(key);
            Assert.True(family || passedOn != core, $"{key}: ZooKeeper {(passedOn ? "passed it on as a system property" : "read it itself")}");
            Assert.True(ours.UnknownKeys.Contains(key) || ours.IgnoredKeys.Contains(key) || core ||
                ZooCfgKeys.SupportedSystemProperties.Contains(ZooCfgKeys.WithoutPrefix(key)), $"{key} was not classified");
        }
    }
}
