using ZkNet.Client.Exceptions;
using ZkNet.Client.Multi;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>Transactions (multi) and multiRead: typed results, atomic failure with per-operation errors.</summary>
public abstract class MultiTests(ServerFixture server) : ClientTestBase(server)
{
    [Fact]
    public async Task Transaction_applies_every_operation_and_returns_typed_results()
    {
        await Client.CreateAsync(P("old"), B("o"), Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("checked"), null, Acl.OpenAclUnsafe).Bounded();
        var results = await Client.BeginTransaction()
            .Create(P("new"), B("n"), Acl.OpenAclUnsafe)
            .Create(P("seq-"), null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential)
            .SetData(P("old"), B("changed"), 0)
            .Check(P("checked"), 0)
            .Delete(P("old"))
            .CommitAsync().Bounded();

        Assert.Collection(results,
            r => Assert.Equal(P("new"), Assert.IsType<CreateOpResult>(r).Path),
            r => Assert.Matches(@"/seq-\d{10}$", Assert.IsType<CreateOpResult>(r).Path),
            r => Assert.Equal(1, Assert.IsType<SetDataOpResult>(r).Stat.Version),
            r => Assert.IsType<CheckOpResult>(r),
            r => Assert.IsType<DeleteOpResult>(r));
        // ZooKeeper 3.8 answers a create2 inside a multi with a plain create result (no Stat); later servers add it.
        if (((CreateOpResult)results[0]).Stat is { } createdStat)
        {
            Assert.Equal((await Client.ExistsAsync(P("new")).Bounded())!.Value, createdStat);
        }
        Assert.Null(await Client.ExistsAsync(P("old")).Bounded());
    }

    [Fact]
    public async Task Failed_transaction_applies_nothing_and_reports_each_operation()
    {
        await Client.CreateAsync(P("exists"), null, Acl.OpenAclUnsafe).Bounded();
        var e = await Assert.ThrowsAsync<NodeExistsException>(() => Client.MultiAsync(
        [
            Op.Create(P("a"), null, Acl.OpenAclUnsafe),
            Op.Create(P("exists"), null, Acl.OpenAclUnsafe),
            Op.Delete(P("exists")),
        ]).Bounded());

        Assert.Equal(P("exists"), e.Path);
        Assert.Equal(
            [new ErrorOpResult(ErrorCode.Ok), new ErrorOpResult(ErrorCode.NodeExists), new ErrorOpResult(ErrorCode.RuntimeInconsistency)],
            e.Results!);
        Assert.Null(await Client.ExistsAsync(P("a")).Bounded());
        Assert.NotNull(await Client.ExistsAsync(P("exists")).Bounded());
    }

    [Fact]
    public async Task Failed_version_check_aborts_the_transaction_with_BadVersion()
    {
        await Client.CreateAsync(P("v"), null, Acl.OpenAclUnsafe).Bounded();
        var e = await Assert.ThrowsAsync<BadVersionException>(() => Client.BeginTransaction()
            .Check(P("v"), 3)
            .SetData(P("v"), B("x"))
            .CommitAsync().Bounded());
        Assert.Equal(2, e.Results!.Count);
        Assert.Equal(0, (await Client.ExistsAsync(P("v")).Bounded())!.Value.Version);
    }

    [Fact]
    public async Task Check_of_a_missing_node_fails_with_NoNode()
    {
        var e = await Assert.ThrowsAsync<NoNodeException>(() => Client.BeginTransaction().Check(P("none")).CommitAsync().Bounded());
        Assert.Equal([new ErrorOpResult(ErrorCode.NoNode)], e.Results!);
    }

    [Fact]
    public async Task Transaction_creates_ephemeral_container_and_ttl_nodes()
    {
        var results = await Client.BeginTransaction()
            .Create(P("eph"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral)
            .Create(P("box"), null, Acl.OpenAclUnsafe, CreateMode.Container)
            .Create(P("ttl"), null, Acl.OpenAclUnsafe, CreateMode.PersistentWithTtl, TimeSpan.FromMinutes(5))
            .CommitAsync().Bounded();
        Assert.All(results, r => Assert.IsType<CreateOpResult>(r));
        Assert.Equal(Client.SessionId, (await Client.ExistsAsync(P("eph")).Bounded())!.Value.EphemeralOwner);
        Assert.NotNull(await Client.ExistsAsync(P("box")).Bounded());
        Assert.NotNull(await Client.ExistsAsync(P("ttl")).Bounded());
    }

    [Fact]
    public async Task Empty_transaction_succeeds_with_no_results()
    {
        Assert.Empty(await Client.MultiAsync([]).Bounded());
    }

    [Fact]
    public async Task Reads_and_writes_cannot_be_mixed()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client.MultiAsync([Op.GetData(Root)]));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.MultiReadAsync([Op.Delete(Root)]));
    }

    [Fact]
    public async Task MultiRead_returns_each_read_and_errors_in_place()
    {
        await Client.CreateAsync(P("a"), B("data"), Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("a/x"), null, Acl.OpenAclUnsafe).Bounded();
        var results = await Client.MultiReadAsync([Op.GetData(P("a")), Op.GetChildren(P("a")), Op.GetData(P("none")), Op.GetChildren(P("none"))]).Bounded();
        Assert.Collection(results,
            r => Assert.Equal("data", System.Text.Encoding.UTF8.GetString(Assert.IsType<GetDataOpResult>(r).Data)),
            r => Assert.Equal(["x"], Assert.IsType<GetChildrenOpResult>(r).Children),
            r => Assert.Equal(ErrorCode.NoNode, Assert.IsType<ErrorOpResult>(r).Error),
            r => Assert.Equal(ErrorCode.NoNode, Assert.IsType<ErrorOpResult>(r).Error));
    }
}
