using System.Text.RegularExpressions;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Admin;

/// <summary>
/// Four-letter words on the client port (all allowed by the test config). Checked for shape, not exact numbers,
/// except where the number is known (ports, config, counts of what this test set up).
/// </summary>
public abstract partial class FourLetterWords(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private Task<string> AskAsync(string word) => Server.Server.FourLetterWordAsync(word);

    [Fact]
    public async Task Ruok_answers_imok_and_isro_answers_rw()
    {
        Assert.Equal("imok", await AskAsync("ruok"));
        Assert.Equal("rw", await AskAsync("isro"));
    }

    [Fact]
    public async Task Srvr_reports_version_latency_counts_zxid_mode_and_node_count()
    {
        var lines = Lines(await AskAsync("srvr"));
        Assert.Matches(@"^Zookeeper version: \S+", lines[0]);
        Assert.Contains(lines, l => LatencyLine().IsMatch(l));
        foreach (var key in new[] { "Received", "Sent", "Connections", "Outstanding", "Node count" })
        {
            Assert.Contains(lines, l => Regex.IsMatch(l, $"^{key}: \\d+$"));
        }
        Assert.Contains(lines, l => Regex.IsMatch(l, "^Zxid: 0x[0-9a-f]+$"));
        Assert.Contains("Mode: standalone", lines);
    }

    [Fact]
    public async Task Stat_lists_the_connected_clients_before_the_srvr_lines()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var lines = Lines(await AskAsync("stat"));
        Assert.Matches(@"^Zookeeper version: ", lines[0]);
        Assert.Equal("Clients:", lines[1]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ /127\.0\.0\.1:\d+\[1\]\(queued=\d+,recved=\d+,sent=\d+\)$"));
        Assert.Contains("Mode: standalone", lines);
        Assert.Contains(lines, l => l.StartsWith("Node count: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Conf_reports_the_configuration_in_effect()
    {
        var conf = Lines(await AskAsync("conf")).Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(Server.Port.ToString(), conf["clientPort"]);
        Assert.Equal(InteropConfig.TickTimeMs.ToString(), conf["tickTime"]);
        Assert.Equal((2 * InteropConfig.TickTimeMs).ToString(), conf["minSessionTimeout"]);
        Assert.Equal((20 * InteropConfig.TickTimeMs).ToString(), conf["maxSessionTimeout"]);
        Assert.Contains("dataDir", conf.Keys);
        Assert.Equal("0", conf["serverId"]);
    }

    [Fact]
    public async Task Cons_lists_each_connection_with_its_session_id()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var lines = Lines(await AskAsync("cons"));
        var mine = $"sid=0x{raw.Session.SessionId:x},";
        var line = Assert.Single(lines, l => l.Contains(mine, StringComparison.Ordinal));
        Assert.Matches(@"^ /127\.0\.0\.1:\d+\[1\]\(queued=\d+,recved=\d+,sent=\d+,sid=0x[0-9a-f]+,lop=\w+,est=\d+,to=10000,", line);
    }

    [Fact]
    public async Task Mntr_reports_tab_separated_metrics()
    {
        var metrics = Lines(await AskAsync("mntr")).Select(l => l.Split('\t')).ToList();
        Assert.All(metrics, m => Assert.Equal(2, m.Length));
        var values = metrics.ToDictionary(m => m[0], m => m[1]);
        Assert.Equal("standalone", values["zk_server_state"]);
        foreach (var key in new[] { "zk_znode_count", "zk_num_alive_connections", "zk_ephemerals_count", "zk_watch_count", "zk_outstanding_requests", "zk_packets_received", "zk_packets_sent" })
        {
            Assert.True(long.TryParse(values[key], out _), $"{key} = {values.GetValueOrDefault(key)}");
        }
        Assert.Contains("zk_version", values.Keys);
        Assert.Contains("zk_avg_latency", values.Keys);
    }

    [Fact]
    public async Task Watch_words_count_and_list_data_and_exists_watches_only()
    {
        var root = UniquePath.For("fourletter-watch");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        await raw.RequestAsync(OpCode.GetChildren, new ZkNet.Protocol.Records.GetChildrenRequest(root, true));
        Assert.DoesNotContain(root, await AskAsync("wchp"), StringComparison.Ordinal);

        Assert.Equal(ErrorCode.Ok, (await raw.GetDataAsync(root, watch: true)).Err);
        Assert.Equal(ErrorCode.NoNode, (await raw.ExistsAsync(root + "/not-yet", watch: true)).Err);
        var sid = $"0x{raw.Session.SessionId:x}";
        Assert.Matches(@"^\d+ connections watching \d+ paths\nTotal watches:\d+\n$", await AskAsync("wchs"));
        var wchp = await AskAsync("wchp");
        Assert.Contains($"{root}\n\t{sid}\n", wchp, StringComparison.Ordinal);
        Assert.Contains($"{root}/not-yet\n\t{sid}\n", wchp, StringComparison.Ordinal);
        var wchc = await AskAsync("wchc");
        Assert.Contains($"{sid}\n", wchc, StringComparison.Ordinal);
        Assert.Contains($"\t{root}\n", wchc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_lists_sessions_with_their_ephemerals()
    {
        var root = UniquePath.For("fourletter-dump");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root, CreateMode.Ephemeral)).Err);
        var dump = await AskAsync("dump");
        Assert.StartsWith("SessionTracker dump:\n", dump, StringComparison.Ordinal);
        Assert.Contains($"ephemeral nodes dump:\n", dump, StringComparison.Ordinal);
        Assert.Contains($"0x{raw.Session.SessionId:x}:\n\t{root}\n", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envi_dirs_and_the_reset_words_answer_in_their_formats()
    {
        Assert.StartsWith("Environment:\n", await AskAsync("envi"), StringComparison.Ordinal);
        Assert.Matches(@"^datadir_size: \d+\nlogdir_size: \d+\n$", await AskAsync("dirs"));
        Assert.Equal("Connection stats reset.\n", await AskAsync("crst"));
        Assert.Equal("Server stats reset.\n", await AskAsync("srst"));
    }

    [Fact]
    public async Task An_unknown_four_letter_word_gets_no_answer_and_the_connection_closes()
    {
        // "abcd" is read as a frame length (0x61626364), far above jute.maxbuffer.
        Assert.Equal("", await AskAsync("abcd"));
    }

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    [GeneratedRegex(@"^Latency min/avg/max: \d+/[\d.]+/\d+$")]
    private static partial Regex LatencyLine();
}
