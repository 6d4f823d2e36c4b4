using ZkNet.Hosting.Configuration;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Hosting.Tests.Configuration;

/// <summary>When a zoo.cfg asks for replicated mode, as ZooKeeper's QuorumPeerConfig.isDistributed decides it.</summary>
public sealed class EnsembleConfigTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("server.1=a:1:2\n", false)]
    [InlineData("server.1=a:1:2\nstandaloneEnabled=false\n", true)]
    [InlineData("server.1=a:1:2\nserver.2=b:1:2\n", true)]
    [InlineData("server.1=a:1:2\nserver.2=b:1:2:observer\n", false)]
    [InlineData("server.1=a:1:2\nserver.2=b:1:2\nserver.3=c:1:2:observer\n", true)]
    public void Replicated_mode_needs_two_voters_or_standalone_disabled(string lines, bool distributed)
    {
        var config = ZooCfgParser.Parse($"tickTime=2000\ndataDir=/tmp/x\nclientPort=2181\n{lines}", "/tmp");

        Assert.Equal(distributed, EnsembleConfig.Read(config).IsDistributed);
    }

    [Fact]
    public void Server_lines_are_read_in_sid_order_with_their_roles()
    {
        var config = ZooCfgParser.Parse("tickTime=2000\ndataDir=/tmp/x\nclientPort=2181\nserver.3=c:1:2:observer\nserver.1=a:1:2;2181\n", "/tmp");

        var servers = EnsembleConfig.Read(config).Servers;

        Assert.Equal([1L, 3L], servers.Select(s => s.Id));
        Assert.Equal(LearnerType.Observer, servers[1].Type);
        Assert.Equal(new HostPort("0.0.0.0", 2181), servers[0].ClientAddress);
    }

    [Theory]
    [InlineData("server.x=a:1:2", "does not name a numeric server id")]
    [InlineData("server.1=a:1", "Missing election port for server: 1")]
    public void A_bad_server_line_is_a_config_error(string line, string reason)
    {
        var config = ZooCfgParser.Parse($"tickTime=2000\ndataDir=/tmp/x\nclientPort=2181\n{line}\n", "/tmp");

        var error = Assert.Throws<ConfigException>(() => EnsembleConfig.Read(config));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
