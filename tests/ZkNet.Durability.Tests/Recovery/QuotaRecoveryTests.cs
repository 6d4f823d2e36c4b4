using ZkNet.Durability.Tests.Support;
using ZkNet.Protocol;
using ZkNet.TestSupport;

namespace ZkNet.Durability.Tests.Recovery;

/// <summary>
/// Quota stats across restarts. Replaying the log repeats the live counting, so the first restart (from the
/// startup snapshot of an empty tree plus the log) keeps the figures clients saw; loading a snapshot recounts every
/// quota from the tree, so after the second restart (from the snapshot the first one took) an enclosing quota
/// counts its nested quota's nodes too. Both servers, the same figures.
/// </summary>
public sealed class QuotaRecoveryTests
{
    [Theory(Timeout = TestTimeouts.Test)]
    [InlineData(ServerKind.ZkNet)]
    [InlineData(ServerKind.ApacheZooKeeper)]
    public async Task Stats_survive_a_log_replay_and_are_recounted_from_a_snapshot(ServerKind kind)
    {
        using var dir = new TestDirectory();
        await using (var server = await Servers.StartAsync(kind, dir))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            await ExpectOkAsync(client.CreateAsync("/a", ""), client.CreateAsync("/a/in", ""), client.CreateAsync("/a/in/x", "1"));
            await SetQuotaAsync(client, "/a");
            await SetQuotaAsync(client, "/a/in");
            await ExpectOkAsync(client.CreateAsync("/a/in/y", "22"), client.CreateAsync("/a/z", "333"));
            Assert.Equal(("count=4,bytes=4", "count=3,bytes=3"), await StatsAsync(client));
            await server.KillAsync();
        }
        await using (var server = await Servers.StartAsync(kind, dir))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            Assert.Equal(("count=4,bytes=4", "count=3,bytes=3"), await StatsAsync(client));
            await server.KillAsync();
        }
        await using (var server = await Servers.StartAsync(kind, dir))
        {
            await using var client = await WireClient.ConnectAsync(server.Port);
            Assert.Equal(("count=5,bytes=6", "count=3,bytes=3"), await StatsAsync(client));
            // The quota roots came back with the snapshot: writes are counted again.
            await ExpectOkAsync(client.CreateAsync("/a/in/w", "4444"), client.CreateAsync("/a/v", "55555"));
            Assert.Equal(("count=6,bytes=11", "count=4,bytes=7"), await StatsAsync(client));
        }
    }

    // As zkCli's setquota -N 100 writes it.
    private static async Task SetQuotaAsync(WireClient client, string path)
    {
        var node = "/zookeeper/quota";
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node += "/" + part;
            var reply = await client.CreateAsync(node, "");
            Assert.True(reply.Err is ErrorCode.Ok or ErrorCode.NodeExists, $"create {node}: {reply.Err}");
        }
        await ExpectOkAsync(client.CreateAsync(node + "/zookeeper_limits", "count=-1,bytes=-1=;byteHardLimit=-1;countHardLimit=100"));
        await ExpectOkAsync(client.CreateAsync(node + "/zookeeper_stats", "count=0,bytes=0"));
    }

    private static async Task<(string Outer, string Inner)> StatsAsync(WireClient client) =>
        ((await client.TryGetStringAsync("/zookeeper/quota/a/zookeeper_stats"))!.Value.Data,
         (await client.TryGetStringAsync("/zookeeper/quota/a/in/zookeeper_stats"))!.Value.Data);

    private static async Task ExpectOkAsync(params Task<WireReply>[] calls)
    {
        foreach (var call in calls)
        {
            Assert.Equal(ErrorCode.Ok, (await call).Err);
        }
    }
}
