using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Interop.Tests.Quotas;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.ZkCli;

/// <summary>ZooKeeper's own shell, zkCli.sh, one command per run.</summary>
public abstract class ZkCliCommands(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    [Fact]
    public async Task Create_then_get_with_stat_prints_the_data_and_every_stat_field()
    {
        var root = UniquePath.For("zkcli");
        var create = await ZkCliAsync("create", root, "hello");
        Assert.True(create.ExitCode == 0, create.Describe());
        Assert.Contains("Created " + root, create.StandardOutput + create.StandardError, StringComparison.Ordinal);

        var get = await ZkCliAsync("get", "-s", root);
        Assert.True(get.ExitCode == 0, get.Describe());
        var lines = get.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains("hello", lines);
        foreach (var expected in new[] { "cversion = 0", "dataVersion = 0", "aclVersion = 0", "ephemeralOwner = 0x0", "dataLength = 5", "numChildren = 0" })
        {
            Assert.True(lines.Contains(expected), $"missing '{expected}':\n{get.Describe()}");
        }
        var czxid = lines.Single(l => l.StartsWith("cZxid = 0x", StringComparison.Ordinal));
        Assert.Contains("mZxid = 0x" + czxid["cZxid = 0x".Length..], lines);
        Assert.Contains("pZxid = 0x" + czxid["cZxid = 0x".Length..], lines);
    }

    [Fact]
    public async Task Get_of_a_missing_node_says_so_and_exits_with_1()
    {
        var missing = UniquePath.For("zkcli-missing");
        var get = await ZkCliAsync("get", missing);
        Assert.True(get.ExitCode == 1, get.Describe());
        Assert.Contains("Node does not exist: " + missing, get.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_of_the_zookeeper_node_lists_config_and_quota()
    {
        var ls = await ZkCliAsync("ls", "/zookeeper");
        Assert.True(ls.ExitCode == 0, ls.Describe());
        Assert.Contains("[config, quota]", ls.StandardOutput.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Listquota_after_setquota_prints_the_limits_and_the_counts_the_server_keeps()
    {
        var root = UniquePath.For("zkcli-quota");
        await using (var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000))
        {
            Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root, "abc"));
            Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/child", "12"));
        }
        var set = await ZkCliAsync("setquota", "-n", "5", root);
        Assert.True(set.ExitCode == 0, set.Describe());
        await using (var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000))
        {
            Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/more", "4567"));
        }

        var list = await ZkCliAsync("listquota", root);
        Assert.True(list.ExitCode == 0, list.Describe());
        var lines = list.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains($"Output quota for {root} count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1", lines);
        Assert.Contains($"Output stat for {root} count=3,bytes=9", lines);
    }
}
