using ZkNet.Quorum.Configuration;

namespace ZkNet.Quorum.Tests.Configuration;

/// <summary>server.N lines as ZooKeeper 3.8's QuorumPeerConfig reads them (docs/quorum-protocol.md §7.1).</summary>
public sealed class QuorumServerTests
{
    [Fact]
    public void A_plain_line_is_a_participant_with_both_ports()
    {
        var server = QuorumServer.Parse(1, "zk1.example:2888:3888");

        Assert.Equal(new HostPort("zk1.example", 2888), server.QuorumAddress);
        Assert.Equal(new HostPort("zk1.example", 3888), server.ElectionAddress);
        Assert.Equal(LearnerType.Participant, server.Type);
        Assert.Null(server.ClientAddress);
    }

    [Theory]
    [InlineData("127.0.0.1:2888:3888:observer;2181", LearnerType.Observer, "0.0.0.0", 2181)]
    [InlineData("127.0.0.1:2888:3888:participant;127.0.0.2:2182", LearnerType.Participant, "127.0.0.2", 2182)]
    [InlineData("127.0.0.1:2888:3888:OBSERVER", LearnerType.Observer, null, 0)]
    public void The_role_and_the_client_address_are_read(string line, LearnerType type, string? clientHost, int clientPort)
    {
        var server = QuorumServer.Parse(4, line);

        Assert.Equal(type, server.Type);
        Assert.Equal(clientHost is null ? null : new HostPort(clientHost, clientPort), server.ClientAddress);
    }

    [Fact]
    public void An_IPv6_host_in_brackets_is_read_and_printed_back_in_brackets()
    {
        var server = QuorumServer.Parse(2, "[::1]:2888:3888");

        Assert.Equal("::1", server.QuorumAddress.Host);
        Assert.Equal("[::1]:2888:3888:participant", server.ToConfigValue());
    }

    [Fact]
    public void Only_the_first_of_several_addresses_is_used()
    {
        var server = QuorumServer.Parse(2, "10.0.0.1:2888:3888|10.0.1.1:2888:3888");

        Assert.Equal("10.0.0.1", server.QuorumAddress.Host);
    }

    [Theory]
    [InlineData("127.0.0.1:2888", "Missing election port for server: 5")]
    [InlineData("127.0.0.1:2888:3888:voter", "Unrecognised peertype: voter")]
    [InlineData("127.0.0.1:http:3888", "Invalid quorum port 'http' for server.5")]
    [InlineData("127.0.0.1:2888:99999", "Invalid election port '99999' for server.5")]
    [InlineData("127.0.0.1", "does not have the form")]
    [InlineData("127.0.0.1:2888:3888:observer:extra", "does not have the form")]
    [InlineData("127.0.0.1:2888:3888;x:y", "does not have the form [clientHost:]clientPort")]
    public void Lines_ZooKeeper_refuses_are_refused_with_its_reason(string line, string reason)
    {
        var error = Assert.Throws<QuorumConfigException>(() => QuorumServer.Parse(5, line));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_text_matches_what_ZooKeeper_puts_in_notifications()
    {
        var config = new QuorumMaj(
        [
            QuorumServer.Parse(3, "127.0.0.1:24283:24383"),
            QuorumServer.Parse(1, "127.0.0.1:24481:24581"),
            QuorumServer.Parse(2, "127.0.0.1:24482:24582"),
        ]);

        Assert.Equal(
            "server.1=127.0.0.1:24481:24581:participant\nserver.2=127.0.0.1:24482:24582:participant\n" +
            "server.3=127.0.0.1:24283:24383:participant\nversion=0",
            config.ToConfigText());
    }

    [Fact]
    public void A_quorum_is_a_majority_of_participants_and_observers_never_count()
    {
        var config = new QuorumMaj(
        [
            QuorumServer.Parse(1, "h:1:2"), QuorumServer.Parse(2, "h:3:4"), QuorumServer.Parse(3, "h:5:6"),
            QuorumServer.Parse(4, "h:7:8"), QuorumServer.Parse(5, "h:9:10:observer"),
        ]);

        Assert.False(config.ContainsQuorum([1, 2]));
        Assert.False(config.ContainsQuorum([1, 2, 5]));
        Assert.True(config.ContainsQuorum([1, 2, 3]));
        Assert.Equal(0, config.Weight(5));
        Assert.Equal(1, config.Weight(4));
    }
}
