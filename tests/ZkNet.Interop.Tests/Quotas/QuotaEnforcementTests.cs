using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using static ZkNet.Interop.Tests.Quotas.QuotaNodes;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary>
/// zookeeper.enforceQuota=true: a create or setData that would take the deepest quota's count or bytes past a
/// hard limit fails with QuotaExceeded (-125), checked against the counts in the tree; soft limits are only
/// logged; deletes are never refused.
/// </summary>
public abstract class QuotaEnforcementTests(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    [Fact]
    public async Task Creates_and_setData_past_a_hard_limit_fail_with_QuotaExceeded()
    {
        var root = UniquePath.For("enforced");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/a", "12345"));
        await zk.SetQuotaAsync(root, "count=-1,bytes=-1=;byteHardLimit=10;countHardLimit=3");
        Assert.Equal("count=2,bytes=5", await zk.StatsAsync(root));

        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/b", "123"));      // count 3, bytes 8: at the limits
        Assert.Equal(ErrorCode.QuotaExceeded, await zk.CreateTextAsync(root + "/c", "")); // count 4 > 3
        Assert.Equal(ErrorCode.NodeExists, await zk.CreateTextAsync(root + "/b", ""));   // checked before the quota
        Assert.Equal(ErrorCode.QuotaExceeded, await zk.SetTextAsync(root + "/b", "123456")); // bytes 11 > 10
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(root + "/b", "12345"));        // bytes 10
        // The quota is checked before the version.
        Assert.Equal(ErrorCode.QuotaExceeded, await zk.SetTextAsync(root + "/b", "1234567890", version: 99));
        Assert.Equal(ErrorCode.BadVersion, await zk.SetTextAsync(root + "/b", "1", version: 99));
        Assert.Equal("count=3,bytes=10", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.NoNode, (await zk.ExistsAsync(root + "/c")).Err);

        // Deleting is never refused, and frees room.
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(root + "/b"));
        Assert.Equal("count=2,bytes=5", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/c", ""));
    }

    [Fact]
    public async Task A_multi_is_checked_against_the_tree_so_its_own_creates_do_not_add_up()
    {
        var root = UniquePath.For("enforced-multi");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await zk.CreateWithQuotaAsync(root, HardCount(2));

        // Each create sees count 1 in the tree: both pass, and the quota ends past its limit.
        var (err, results) = await zk.MultiAsync(Create(root + "/m1", ""), Create(root + "/m2", ""));
        Assert.Equal(ErrorCode.Ok, err);
        Assert.Equal([ErrorCode.Ok, ErrorCode.Ok], results);
        Assert.Equal("count=3,bytes=0", await zk.StatsAsync(root));

        (err, results) = await zk.MultiAsync(Create(root + "/m3", ""));
        Assert.Equal(ErrorCode.Ok, err); // a failed multi's errors are in its results
        Assert.Equal([ErrorCode.QuotaExceeded], results);
        Assert.Equal("count=3,bytes=0", await zk.StatsAsync(root));
    }

    [Fact]
    public async Task Soft_limits_and_an_enclosing_quota_refuse_nothing()
    {
        var root = UniquePath.For("enforced-soft");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/in")).Err);
        await zk.SetQuotaAsync(root, HardCount(2));
        await zk.SetQuotaAsync(root + "/in", "count=1,bytes=1=;byteHardLimit=-1;countHardLimit=-1");

        // Under /in only the soft limits of /in apply; the hard count of the enclosing quota is not consulted.
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/in/1", "123"));
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/in/2", "456"));
        Assert.Equal("count=3,bytes=6", await zk.StatsAsync(root + "/in"));
        Assert.Equal(ErrorCode.QuotaExceeded, (await zk.CreateAsync(root + "/3")).Err);
    }
}
