using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Hosting.Tests.Network;

/// <summary>Four-letter words on the client port, in the formats Apache ZooKeeper 3.8 prints.</summary>
public sealed class FourLetterWordTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;
    private RawClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(new ZkNet.Hosting.Configuration.ServerConfig { FourLetterWordWhitelist = new HashSet<string> { "*" } });
        _client = await RawClient.ConnectAsync(_server.ClientEndPoint);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<string> AskAsync(string word)
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
        await client.SendAsync(Encoding.ASCII.GetBytes(word));
        return await client.ReadToEndAsync();
    }

    [Fact]
    public async Task Ruok_is_answered_imok_without_a_newline_and_closed() =>
        Assert.Equal("imok", await AskAsync("ruok"));

    [Fact]
    public async Task Srvr_prints_zookeepers_summary_lines()
    {
        var text = await AskAsync("srvr");

        Assert.Matches(
            "^Zookeeper version: .+\nLatency min/avg/max: [0-9]+/[0-9.]+/[0-9]+\nReceived: [0-9]+\nSent: [0-9]+\nConnections: [0-9]+\n" +
            "Outstanding: [0-9]+\nZxid: 0x[0-9a-f]+\nMode: standalone\nNode count: [0-9]+\n$",
            text);
    }

    [Fact]
    public async Task Stat_lists_the_connected_clients()
    {
        var text = await AskAsync("stat");

        Assert.Contains("\nClients:\n", text, StringComparison.Ordinal);
        Assert.Matches(@"\n /127\.0\.0\.1:[0-9]+\[1\]\(queued=[0-9]+,recved=[0-9]+,sent=[0-9]+\)\n", text);
        Assert.Contains("Mode: standalone\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cons_shows_each_session_with_its_id()
    {
        await _client.CallAsync(OpCode.Exists, new ExistsRequest("/", false));

        var text = await AskAsync("cons");

        Assert.Contains($"sid=0x{_client.Session!.SessionId:x},lop=EXIS,", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mntr_prints_tab_separated_metrics()
    {
        var text = await AskAsync("mntr");
        var metrics = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal("standalone", metrics["zk_server_state"]);
        Assert.StartsWith(Server.FourLetterWords.FourLetterWordNames.Version, metrics["zk_version"], StringComparison.Ordinal);
        Assert.True(int.Parse(metrics["zk_num_alive_connections"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.True(int.Parse(metrics["zk_znode_count"], System.Globalization.CultureInfo.InvariantCulture) >= 4);
    }

    [Fact]
    public async Task Wchs_counts_data_watches_by_connection_and_path()
    {
        using var watcher = await RawClient.ConnectAsync(_server.ClientEndPoint);
        await watcher.CallAsync(OpCode.GetData, new GetDataRequest("/", true));
        await watcher.CallAsync(OpCode.Exists, new ExistsRequest("/nonexistent", true));
        await watcher.CallAsync(OpCode.GetChildren, new GetChildrenRequest("/zookeeper", true));

        var text = await AskAsync("wchs");

        // Apache ZooKeeper counts data (and exists) watches only: child watches do not show here.
        Assert.Equal("1 connections watching 2 paths\nTotal watches:2\n", text);
    }

    [Fact]
    public async Task Isro_says_read_write() => Assert.Equal("rw", await AskAsync("isro"));

    [Fact]
    public async Task Unknown_word_is_taken_as_a_length_and_closed()
    {
        using var client = await RawClient.OpenAsync(_server.ClientEndPoint);
        await client.SendAsync("xxxx"u8.ToArray());

        Assert.Equal("", await client.ReadToEndAsync());
    }
}
