using System.Net;
using System.Text.Json;
using ZkNet.Admin.Tests.Support;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.Prometheus;

/// <summary>
/// /metrics as ZooKeeper's Prometheus provider serves it, read by the official Prometheus client's text parser and
/// checked against the AdminServer's monitor figures (the same registry).
/// </summary>
public sealed class PrometheusEndpointTests : IAsyncLifetime
{
    private ZkNetServer _server = null!;
    private ZooKeeperClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await InProcessServer.StartAsync(prometheus: true);
        _client = await Workload.RunAsync(_server.ConnectString);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_exposition_parses_and_carries_ZooKeepers_names_and_types()
    {
        var exposition = await ScrapeAsync();
        var families = await ParseAsync(exposition);
        foreach (var (name, type) in new[] { ("znode_count", "gauge"), ("watch_count", "gauge"), ("num_alive_connections", "gauge"),
            ("outstanding_requests", "gauge"), ("approximate_data_size", "gauge"), ("avg_latency", "gauge"), ("snap_count", "counter"),
            ("connection_request_count", "counter"), ("fsynctime", "summary"), ("snapshottime", "summary"), ("readlatency", "summary"),
            ("updatelatency", "summary") })
        {
            Assert.True(families.TryGetProperty(name, out var family), $"{name} missing");
            Assert.Equal(type, family.GetProperty("type").GetString());
        }
        var quantiles = families.GetProperty("readlatency").GetProperty("samples").EnumerateArray()
            .Where(s => s[0].GetString() == "readlatency").Select(s => s[1].GetProperty("quantile").GetString()).ToList();
        Assert.Equal(["0.5", "0.9", "0.99"], quantiles);
        Assert.False(families.TryGetProperty("version", out _));
        var perNamespace = families.GetProperty("write_per_namespace");
        Assert.Equal("summary", perNamespace.GetProperty("type").GetString());
        Assert.Contains(perNamespace.GetProperty("samples").EnumerateArray(), s => s[1].GetProperty("key").GetString() == "w");
        // ZooKeeper's provider exposes counters under their bare names (no _total), as its dashboards query them.
        Assert.Contains("\nsnap_count ", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figures_match_the_admin_monitor_command()
    {
        var families = await ParseAsync(await ScrapeAsync());
        var monitor = await AdminHttp.CommandAsync(_server.AdminEndPoint!.Port, "monitor");
        foreach (var name in new[] { "znode_count", "ephemerals_count", "watch_count", "global_sessions", "approximate_data_size", "snap_count" })
        {
            Assert.Equal((double)monitor[name]!, Value(families, name, name));
        }
        Assert.Equal((double)monitor["cnt_updatelatency"]!, Value(families, "updatelatency", "updatelatency_count"));
        // The client's pings count as reads and may land between the scrape and the monitor call: never fewer later.
        Assert.InRange(Value(families, "readlatency", "readlatency_count"), 3, (double)monitor["cnt_readlatency"]!);
        Assert.InRange(Value(families, "readlatency", "readlatency_sum"), 0, (double)monitor["sum_readlatency"]!);
        // A fresh server reports 5 (ZooKeeper counts the root twice); the workload made /w, /w/a, /w/b, /w/c and /w/eph.
        Assert.Equal(10, Value(families, "znode_count", "znode_count"));
    }

    [Fact]
    public async Task Only_metrics_is_served_on_the_metrics_port()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_server.MetricsEndPoint!.Port}/commands/ruok"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_server.MetricsEndPoint!.Port}/metrics"));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<JsonElement> ParseAsync(string exposition)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, exposition);
            return await Kazoo.RunFileAsync("Prometheus/parse_metrics.py", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// A sample's value. The Python client models every counter sample as name_total whatever the text said, so a
    /// counter is looked up under that name too (the text itself is checked for ZooKeeper's bare name).
    /// </summary>
    private static double Value(JsonElement families, string family, string sample) =>
        families.GetProperty(family).GetProperty("samples").EnumerateArray()
            .Single(s => s[0].GetString() == sample || s[0].GetString() == sample + "_total")[2].GetDouble();
}
