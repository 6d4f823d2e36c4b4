using System.Text.Json.Nodes;
using ZkNet.Admin.Tests.Support;
using ZkNet.Hosting;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.Digest;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using static ZkNet.Admin.Tests.AdminServer.SnapshotCommandTests;

namespace ZkNet.Admin.Tests.AdminServer;

/// <summary>
/// The hash command lists the tree digest after every 128th zxid (what Apache ZooKeeper 3.8 keeps with
/// digest.enabled, its default). The digest kept live, change by change, must equal the digest computed from scratch
/// over a snapshot taken at that zxid, whatever kind of change led there.
/// </summary>
public sealed class HashCommandTests
{
    [Fact]
    public async Task The_digest_logged_at_each_128th_zxid_is_the_digest_of_the_whole_tree_at_that_zxid()
    {
        await using var server = await InProcessServer.StartAsync(c => c with { Admin = c.Admin with { RateLimiterIntervalMs = 0 } });
        Assert.Empty((await HashAsync(server)).AsArray());
        await using var zk = await ConnectAsync(server);
        var step = 0;
        // Creates up to zxid 128, then every other kind of change up to 256: data, ACLs, ephemerals, deletes.
        foreach (var target in new long[] { 128, 256 })
        {
            while (server.Core.LastZxid < target)
            {
                await ChangeAsync(zk, target == 128 ? 0 : step++);
            }
            Assert.Equal(target, server.Core.LastZxid);
            using var response = await SendAsync(server, HttpMethod.Get, "snapshot", AnyDigest);
            var (tree, _) = ZkDatabase.ReadSnapshotStream(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
            Assert.Equal(target, tree.LastProcessedZxid);
            var fromScratch = tree.Nodes.Aggregate(0L, (sum, n) => DigestCalculator.Add(sum, DigestCalculator.NodeDigest(n.Key, n.Value.Data,
                new Persistence.StatPersisted(n.Value.Czxid, n.Value.Mzxid, n.Value.Ctime, n.Value.Mtime, n.Value.Version,
                    n.Value.Cversion, n.Value.Aversion, n.Value.EphemeralOwner, n.Value.Pzxid))));
            var logged = (await HashAsync(server)).AsArray().Last()!;
            Assert.Equal(target, (long)logged["zxid"]!);
            Assert.Equal(2, (int)logged["digest_version"]!);
            Assert.Equal(fromScratch, (long)logged["digest"]!);
        }
        Assert.Equal([128L, 256L], (await HashAsync(server)).AsArray().Select(d => (long)d!["zxid"]!));
    }

    [Fact]
    public async Task With_digest_enabled_false_no_digest_is_kept()
    {
        await using var server = await InProcessServer.StartAsync(c => c with { DigestEnabled = false });
        await using var zk = await ConnectAsync(server);
        while (server.Core.LastZxid < 130)
        {
            await ChangeAsync(zk, 0);
        }
        Assert.Empty((await HashAsync(server)).AsArray());
    }

    private static int s_node;

    private static async Task ChangeAsync(ZkNet.Client.ZooKeeperClient zk, int step)
    {
        var n = Interlocked.Increment(ref s_node);
        switch (step % 5)
        {
            case 0:
                await zk.CreateAsync($"/h{n}", [(byte)n], Acl.OpenAclUnsafe);
                break;
            case 1:
                await zk.SetDataAsync("/h" + (n - 1), [1, 2, 3]);
                break;
            case 2:
                await zk.SetAclAsync("/h" + (n - 2), Acl.ReadAclUnsafe);
                break;
            case 3:
                await zk.CreateAsync($"/e{n}", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral);
                break;
            default:
                await zk.DeleteAsync($"/e{n - 1}");
                break;
        }
    }

    private static async Task<JsonNode> HashAsync(ZkNetServer server)
    {
        var answer = await AdminHttp.CommandAsync(server.AdminEndPoint!.Port, "hash");
        Assert.Null((string?)answer["error"]);
        return answer["digests"]!;
    }
}
