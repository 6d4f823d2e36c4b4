using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using static ZkNet.Interop.Tests.Quotas.QuotaNodes;

namespace ZkNet.Interop.Tests.Quotas;

/// <summary>
/// The server keeps each quota's zookeeper_stats node: "count=N,bytes=B" for the subtree at the quota root (the
/// root included), recounted when the stats node is created and adjusted by every create, delete and setData
/// under the root. Every expected text below is what Apache ZooKeeper 3.8 holds; enforcement is off (the default).
/// </summary>
public abstract class QuotaStats(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    [Fact]
    public async Task Stats_count_the_existing_subtree_and_follow_creates_deletes_and_setData()
    {
        var root = UniquePath.For("quota");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root, "abc"));
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/a", "12345"));
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/a/b")).Err);

        await zk.SetQuotaAsync(root, HardCount(10));
        // Recounted on creation: the root, a and b; 3 + 5 bytes. The limits node is left as written.
        Assert.Equal("count=3,bytes=8", await zk.StatsAsync(root));
        Assert.Equal(HardCount(10), await zk.TextAsync(LimitsPath(root)));
        var (_, created) = await zk.ExistsAsync(StatsPath(root));

        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "/c", "xy"));
        Assert.Equal("count=4,bytes=10", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(root + "/a", "1"));
        Assert.Equal("count=4,bytes=6", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(root + "/c"));
        Assert.Equal("count=3,bytes=4", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(root + "/a/b"));
        Assert.Equal("count=2,bytes=4", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(root, ""));
        Assert.Equal("count=2,bytes=1", await zk.StatsAsync(root));

        // A sibling whose name merely starts with the root's is not under it.
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root + "x", "outside"));
        Assert.Equal("count=2,bytes=1", await zk.StatsAsync(root));

        // The quota root itself counts: deleting it and creating it again.
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(root + "/a"));
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(root));
        Assert.Equal("count=0,bytes=0", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root, "hello"));
        Assert.Equal("count=1,bytes=5", await zk.StatsAsync(root));

        // The server changes only the data: the stats node keeps the Stat of its creation.
        var (_, after) = await zk.ExistsAsync(StatsPath(root));
        Assert.Equal((created!.Value.Czxid, created.Value.Mzxid, created.Value.Version), (after!.Value.Czxid, after.Value.Mzxid, after.Value.Version));
        Assert.Equal(0, after.Value.Version);
        Assert.Equal("count=1,bytes=5".Length, after.Value.DataLength);
    }

    [Fact]
    public async Task Only_the_deepest_quota_counts_a_change_and_deleting_its_limits_hands_the_subtree_back()
    {
        var outer = UniquePath.For("quota-nested");
        var inner = outer + "/in";
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(outer)).Err);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(inner)).Err);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(inner + "/x", "1"));

        await zk.SetQuotaAsync(outer, HardCount(100));
        Assert.Equal("count=3,bytes=1", await zk.StatsAsync(outer));
        await zk.SetQuotaAsync(inner, HardCount(100));
        Assert.Equal("count=2,bytes=1", await zk.StatsAsync(inner));

        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(inner + "/y", "22"));
        Assert.Equal("count=3,bytes=3", await zk.StatsAsync(inner));
        Assert.Equal("count=3,bytes=1", await zk.StatsAsync(outer));
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(outer + "/z", "333"));
        Assert.Equal("count=4,bytes=4", await zk.StatsAsync(outer));
        Assert.Equal("count=3,bytes=3", await zk.StatsAsync(inner));

        await zk.DeleteQuotaAsync(inner);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(inner + "/w", "4444"));
        Assert.Equal("count=5,bytes=8", await zk.StatsAsync(outer));
        Assert.Equal(ErrorCode.Ok, await zk.DeleteAsync(inner + "/x"));
        Assert.Equal("count=4,bytes=7", await zk.StatsAsync(outer));
    }

    [Fact]
    public async Task A_multi_counts_each_of_its_operations_and_a_failed_multi_counts_nothing()
    {
        var root = UniquePath.For("quota-multi");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await zk.CreateWithQuotaAsync(root, HardCount(100));
        Assert.Equal("count=1,bytes=0", await zk.StatsAsync(root));

        var (err, results) = await zk.MultiAsync(
            Create(root + "/m1", "aa"), Create(root + "/m2", "b"), SetData(root + "/m1", "aaaa"), Delete(root + "/m2"));
        Assert.Equal(ErrorCode.Ok, err);
        Assert.All(results, r => Assert.Equal(ErrorCode.Ok, r));
        Assert.Equal("count=2,bytes=4", await zk.StatsAsync(root));

        (err, results) = await zk.MultiAsync(Create(root + "/f1", "zz"), Create(root + "/missing/f2", "z"));
        Assert.Equal(ErrorCode.Ok, err); // a failed multi's errors are in its results, not in the reply header
        Assert.Equal([ErrorCode.Ok, ErrorCode.NoNode], results);
        Assert.Equal("count=2,bytes=4", await zk.StatsAsync(root));
    }

    [Fact]
    public async Task The_server_rewrites_the_stats_text_in_StatsTrack_form_keeping_unknown_keys()
    {
        var root = UniquePath.For("quota-text");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await zk.CreateWithQuotaAsync(root, HardCount(100));
        // A client may overwrite the stats node; the server adds to whatever it then reads.
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(StatsPath(root), "count=5,bytes=7;foo=1"));
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/n")).Err);
        Assert.Equal("count=6,bytes=7=;foo=1", await zk.StatsAsync(root));
        // A setData that keeps the length still rewrites the text.
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(StatsPath(root), "bytes=2;count=1"));
        Assert.Equal(ErrorCode.Ok, await zk.SetTextAsync(root + "/n", ""));
        Assert.Equal("count=1,bytes=2", await zk.StatsAsync(root));
    }

    [Fact]
    public async Task Without_enforceQuota_a_hard_limit_is_only_counted()
    {
        var root = UniquePath.For("quota-off");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await zk.CreateWithQuotaAsync(root, HardCount(1));
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/1")).Err);
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/2")).Err);
        Assert.Equal("count=3,bytes=0", await zk.StatsAsync(root));
    }

    [Fact]
    public async Task A_stats_node_without_limits_is_counted_once_and_never_again()
    {
        var root = UniquePath.For("quota-nolimits");
        await using var zk = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(root, "12"));
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(QuotaRoot + root)).Err);
        Assert.Equal(ErrorCode.Ok, await zk.CreateTextAsync(StatsPath(root), "count=0,bytes=0"));
        Assert.Equal("count=1,bytes=2", await zk.StatsAsync(root));
        Assert.Equal(ErrorCode.Ok, (await zk.CreateAsync(root + "/n")).Err);
        Assert.Equal("count=1,bytes=2", await zk.StatsAsync(root));
    }
}
