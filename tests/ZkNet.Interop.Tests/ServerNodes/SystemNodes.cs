using System.Text.Json;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.ServerNodes;

/// <summary>
/// The nodes a fresh server owns: /, /zookeeper, /zookeeper/quota and /zookeeper/config (standalone, no
/// dynamic config). Its own class, so the server is fresh and the Stats are exactly those of a new data tree.
/// </summary>
public abstract class SystemNodes(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    [Fact]
    public async Task A_fresh_server_has_the_zookeeper_quota_and_config_nodes_and_refuses_to_delete_them()
    {
        var r = await KazooAsync("kazoo_system.py", "system-nodes", UniquePath.For("system"));
        Assert.True(r.Bool("rootChildrenHasZookeeper"));
        Assert.Equal(["config", "quota"], r.Strings("zookeeperChildren"));
        Assert.Empty(r.Strings("quotaChildren"));
        Assert.Equal("", r.Text("rootData"));
        Assert.Equal([(Perms.All, "world", "anyone")], r.Acls("rootAcl"));

        var zookeeper = r["zookeeper"];
        Assert.Equal("", zookeeper.GetProperty("data").GetString());
        Assert.Equal([(Perms.All, "world", "anyone")], ScenarioResult.AclsOf(zookeeper.GetProperty("acl")));
        // Built in, not created by a txn: every zxid and time is 0. The Stat's cversion is
        // 2 * (child creations, none) - children (2), so -2.
        Assert.Equal(new ZnodeStat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0), StatOf(zookeeper));

        var quota = r["quota"];
        Assert.Equal([(Perms.All, "world", "anyone")], ScenarioResult.AclsOf(quota.GetProperty("acl")));
        Assert.Equal(new ZnodeStat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), StatOf(quota));

        // /zookeeper/config is read-only for the world, with aversion -1.
        var config = r["config"];
        Assert.Equal("", config.GetProperty("data").GetString());
        Assert.Equal([(Perms.Read, "world", "anyone")], ScenarioResult.AclsOf(config.GetProperty("acl")));
        Assert.Equal(new ZnodeStat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0), StatOf(config));

        Assert.Equal(ErrorCode.BadArguments, r.Code("deleteZookeeper"));
        Assert.Equal(ErrorCode.BadArguments, r.Code("deleteQuota"));
        Assert.Equal(ErrorCode.BadArguments, r.Code("deleteConfig"));
        Assert.Equal(ErrorCode.BadArguments, r.Code("deleteRoot"));
        Assert.Equal(ErrorCode.NoAuth, r.Code("setConfig"));
        Assert.Equal(ErrorCode.Ok, r.Code("createUnderZookeeper"));
        Assert.Equal(ErrorCode.Ok, r.Code("deleteUnderZookeeper"));
        Assert.Equal(ErrorCode.Ok, r.Code("setZookeeper"));
        var after = r.Stat("zookeeperAfter");
        // One child created (and deleted): 2 * 1 - 2 children = 0.
        Assert.Equal((1, 2, 0), (after.Version, after.NumChildren, after.Cversion));
        Assert.True(after.Mzxid > after.Pzxid && after.Pzxid > 0);
    }

    private static ZnodeStat StatOf(JsonElement node) => ZnodeStat.From(node.GetProperty("stat"));
}
