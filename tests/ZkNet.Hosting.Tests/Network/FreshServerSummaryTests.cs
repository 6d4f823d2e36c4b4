using ZkNet.Server.FourLetterWords;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>srvr on a server nobody has used yet, line for line as a fresh Apache ZooKeeper 3.8 prints it.</summary>
public sealed class FreshServerSummaryTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Srvr_on_a_fresh_server_matches_zookeepers_numbers()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
        await client.SendAsync("srvr"u8.ToArray());

        var text = await client.ReadToEndAsync();

        // Apache ZooKeeper 3.8 fresh: the word itself is received, the asking connection is counted, and the
        // node map holds 5 entries (the root twice, /zookeeper, /zookeeper/quota, /zookeeper/config).
        Assert.Equal(
            $"Zookeeper version: {FourLetterWordNames.Version}\nLatency min/avg/max: 0/0.0/0\nReceived: 1\nSent: 0\nConnections: 1\n" +
            "Outstanding: 0\nZxid: 0x0\nMode: standalone\nNode count: 5\n",
            text);
    }
}
