using ZkNet.Hosting.Configuration;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Distribution;

/// <summary>The sample zoo.cfg files under dist/conf parse cleanly: no unknown key, no warning, the shape each promises.</summary>
public sealed class SampleConfigTests
{
    private static string Sample(string name) => Path.Combine(RepositoryPaths.Root, "dist", "conf", name);

    [Theory]
    [InlineData("zoo-standalone.cfg")]
    [InlineData("zoo-ensemble.cfg")]
    [InlineData("zoo-tls.cfg")]
    public void Sample_parses_without_unknown_keys_or_warnings(string name)
    {
        var config = ZooCfgParser.Load(Sample(name));

        Assert.Empty(config.UnknownKeys);
        Assert.Empty(config.Warnings);
        Assert.Equal("/var/lib/zknet", config.DataDir);
    }

    [Fact]
    public void Ensemble_sample_has_three_voting_members()
    {
        var ensemble = EnsembleConfig.Read(ZooCfgParser.Load(Sample("zoo-ensemble.cfg")));

        Assert.True(ensemble.IsDistributed);
        Assert.Equal(3, ensemble.Participants);
    }

    [Fact]
    public void Tls_sample_serves_tls_on_2281_and_requires_client_certificates()
    {
        var config = ZooCfgParser.Load(Sample("zoo-tls.cfg"));

        Assert.Equal(2281, config.Tls.SecureClientPort);
        Assert.Equal(ClientAuthMode.Need, config.Tls.ClientAuth);
    }

    [Fact]
    public void Systemd_unit_waits_for_readiness_and_runs_the_server_verb()
    {
        var unit = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "dist", "systemd", "zknet.service"));

        Assert.Contains("Type=notify", unit);
        Assert.Contains(unit, l => l.StartsWith("ExecStart=", StringComparison.Ordinal) && l.Contains(" server --config ", StringComparison.Ordinal));
    }
}
