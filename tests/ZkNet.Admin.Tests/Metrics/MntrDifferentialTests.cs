using ZkNet.Admin.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Admin.Tests.Metrics;

/// <summary>mntr on ZkNet against mntr on Apache ZooKeeper 3.8 after the same workload.</summary>
public sealed class MntrDifferentialTests(DifferentialFixture servers) : IClassFixture<DifferentialFixture>
{
    [Fact]
    public async Task Mntr_prints_every_key_Apache_ZooKeeper_prints_but_the_JVM_ones()
    {
        var zknet = await MntrAsync(servers.ZkNet);
        var apache = await MntrAsync(servers.Apache);
        var expected = apache.Keys.Where(k => !NotReported.Matches(k)).ToHashSet();
        Assert.True(expected.Count > 400, $"Apache ZooKeeper printed only {expected.Count} keys");
        Assert.Empty(expected.Except(zknet.Keys).Order());
        Assert.Empty(zknet.Keys.Except(expected).Order());
    }

    [Fact]
    public async Task Mntr_figures_the_tree_decides_are_the_same_on_both_servers()
    {
        var zknet = await MntrAsync(servers.ZkNet);
        var apache = await MntrAsync(servers.Apache);
        foreach (var key in new[] { "zk_znode_count", "zk_ephemerals_count", "zk_watch_count", "zk_global_sessions", "zk_approximate_data_size", "zk_server_state",
            "zk_cnt_w_write_per_namespace", "zk_sum_w_write_per_namespace", "zk_cnt_w_read_per_namespace", "zk_sum_w_read_per_namespace" })
        {
            Assert.True(apache[key] == zknet[key], $"{key}: Apache {apache[key]}, ZkNet {zknet[key]}");
        }
    }

    [Fact]
    public async Task Mntr_summaries_count_the_requests_that_were_made()
    {
        var zknet = await MntrAsync(servers.ZkNet);
        // The workload made 5 creates (updates) and 3 reads; ZooKeeper counts the createSession as neither.
        Assert.True(long.Parse(zknet["zk_cnt_updatelatency"]) >= 5, zknet["zk_cnt_updatelatency"]);
        Assert.True(long.Parse(zknet["zk_cnt_readlatency"]) >= 3, zknet["zk_cnt_readlatency"]);
        Assert.True(long.Parse(zknet["zk_cnt_fsynctime"]) >= 1, zknet["zk_cnt_fsynctime"]);
        Assert.True(long.Parse(zknet["zk_snap_count"]) >= 0);
        Assert.Equal("1", zknet["zk_cnt_dbinittime"]);
    }

    private static async Task<Dictionary<string, string>> MntrAsync(ServerProcess server)
    {
        var text = await server.FourLetterWordAsync("mntr");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
    }
}
