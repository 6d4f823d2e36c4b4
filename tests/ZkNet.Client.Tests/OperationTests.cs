using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>Every plain operation, its results and its errors.</summary>
public abstract class OperationTests(ServerFixture server) : ClientTestBase(server)
{
    [Fact]
    public async Task Created_node_reads_back_with_its_data_and_stat()
    {
        var path = await Client.CreateAsync(P("a"), B("hello"), Acl.OpenAclUnsafe).Bounded();
        Assert.Equal(P("a"), path);
        var (data, stat) = await Client.GetDataAsync(P("a")).Bounded();
        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(data));
        Assert.Equal(5, stat.DataLength);
        Assert.Equal(0, stat.Version);
        Assert.Equal(0, stat.EphemeralOwner);
        Assert.Equal(stat.Czxid, stat.Mzxid);
    }

    [Fact]
    public async Task Create_with_stat_returns_the_stat_getData_reports()
    {
        var created = await Client.CreateWithStatAsync(P("s"), B("x"), Acl.OpenAclUnsafe).Bounded();
        var (_, stat) = await Client.GetDataAsync(P("s")).Bounded();
        Assert.Equal(P("s"), created.Path);
        Assert.Equal(stat, created.Stat);
    }

    [Fact]
    public async Task Sequential_nodes_get_increasing_ten_digit_suffixes()
    {
        var first = await Client.CreateAsync(P("seq-"), null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential).Bounded();
        var second = await Client.CreateWithStatAsync(P("seq-"), null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential).Bounded();
        Assert.Matches(@"/seq-\d{10}$", first);
        Assert.Matches(@"/seq-\d{10}$", second.Path);
        Assert.True(string.CompareOrdinal(first, second.Path) < 0);
    }

    [Fact]
    public async Task Ephemeral_node_belongs_to_the_session_and_goes_when_it_closes()
    {
        var other = await ConnectAsync();
        await other.CreateAsync(P("eph"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
        var seq = await other.CreateAsync(P("eseq-"), null, Acl.OpenAclUnsafe, CreateMode.EphemeralSequential).Bounded();
        var stat = await Client.ExistsAsync(P("eph")).Bounded();
        Assert.Equal(other.SessionId, stat!.Value.EphemeralOwner);
        Assert.Equal([P("eph"), seq], (await other.GetEphemeralsAsync(Root).Bounded()).Order(StringComparer.Ordinal));
        Assert.Empty(await Client.GetEphemeralsAsync().Bounded());

        await other.CloseAsync().Bounded();

        Assert.Null(await Client.ExistsAsync(P("eph")).Bounded());
        Assert.Null(await Client.ExistsAsync(seq).Bounded());
    }

    [Fact]
    public async Task Ephemeral_node_cannot_have_children()
    {
        await Client.CreateAsync(P("e"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
        await Assert.ThrowsAsync<NoChildrenForEphemeralsException>(() =>
            Client.CreateAsync(P("e/c"), null, Acl.OpenAclUnsafe).Bounded());
    }

    [Fact]
    public async Task Container_nodes_are_created_in_both_forms_and_hold_children()
    {
        var created = await Client.CreateWithStatAsync(P("box"), null, Acl.OpenAclUnsafe, CreateMode.Container).Bounded();
        Assert.Equal(P("box"), created.Path);
        Assert.Equal(P("box2"), await Client.CreateAsync(P("box2"), null, Acl.OpenAclUnsafe, CreateMode.Container).Bounded());
        await Client.CreateAsync(P("box/child"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.Equal(1, (await Client.ExistsAsync(P("box")).Bounded())!.Value.NumChildren);
    }

    [Fact]
    public async Task Ttl_nodes_are_created_with_both_ttl_modes()
    {
        var plain = await Client.CreateWithStatAsync(P("ttl"), B("t"), Acl.OpenAclUnsafe, CreateMode.PersistentWithTtl,
            TimeSpan.FromMinutes(10)).Bounded();
        var seq = await Client.CreateAsync(P("ttlseq-"), null, Acl.OpenAclUnsafe, CreateMode.PersistentSequentialWithTtl,
            TimeSpan.FromMinutes(10)).Bounded();
        Assert.Equal(P("ttl"), plain.Path);
        Assert.Matches(@"/ttlseq-\d{10}$", seq);
        Assert.NotNull(await Client.ExistsAsync(seq).Bounded());
    }

    [Fact]
    public async Task Ttl_is_refused_for_modes_without_one_and_required_for_modes_with_one()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.CreateAsync(P("x"), null, Acl.OpenAclUnsafe, CreateMode.Persistent, TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client.CreateAsync(P("x"), null, Acl.OpenAclUnsafe, CreateMode.PersistentWithTtl));
    }

    [Fact]
    public async Task Creating_an_existing_node_fails_with_NodeExists()
    {
        await Client.CreateAsync(P("dup"), null, Acl.OpenAclUnsafe).Bounded();
        var e = await Assert.ThrowsAsync<NodeExistsException>(() => Client.CreateAsync(P("dup"), null, Acl.OpenAclUnsafe).Bounded());
        Assert.Equal(ErrorCode.NodeExists, e.Code);
        Assert.Equal(P("dup"), e.Path);
    }

    [Fact]
    public async Task Creating_under_a_missing_parent_fails_with_NoNode()
    {
        await Assert.ThrowsAsync<NoNodeException>(() => Client.CreateAsync(P("missing/child"), null, Acl.OpenAclUnsafe).Bounded());
    }

    [Fact]
    public async Task Create_with_an_empty_acl_fails_with_InvalidAcl()
    {
        await Assert.ThrowsAsync<InvalidAclException>(() => Client.CreateAsync(P("noacl"), null, []));
    }

    [Fact]
    public async Task Invalid_paths_are_refused_before_anything_is_sent()
    {
        foreach (var bad in new[] { "", "noslash", "/trailing/", "/a//b", "/a/./b", "/a/../b", "/a\u0001" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Client.GetDataAsync(bad));
        }
        // A sequential create may name only the parent: the server appends the number.
        Assert.Matches(@"/\d{10}$", await Client.CreateAsync(Root + "/", null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential).Bounded());
    }

    [Fact]
    public async Task Exists_returns_null_for_a_missing_node_and_the_stat_otherwise()
    {
        Assert.Null(await Client.ExistsAsync(P("none")).Bounded());
        Assert.NotNull(await Client.ExistsAsync(Root).Bounded());
    }

    [Fact]
    public async Task GetData_on_a_missing_node_throws_and_TryGetData_returns_null()
    {
        await Assert.ThrowsAsync<NoNodeException>(() => Client.GetDataAsync(P("none")).Bounded());
        Assert.Null(await Client.TryGetDataAsync(P("none")).Bounded());
        Assert.NotNull(await Client.TryGetDataAsync(Root).Bounded());
    }

    [Fact]
    public async Task SetData_bumps_the_version_and_checks_the_expected_one()
    {
        await Client.CreateAsync(P("v"), B("1"), Acl.OpenAclUnsafe).Bounded();
        var stat = await Client.SetDataAsync(P("v"), B("22"), 0).Bounded();
        Assert.Equal(1, stat.Version);
        Assert.Equal(2, stat.DataLength);
        await Assert.ThrowsAsync<BadVersionException>(() => Client.SetDataAsync(P("v"), B("3"), 0).Bounded());
        Assert.Equal(2, (await Client.SetDataAsync(P("v"), null).Bounded()).Version);
        Assert.Empty((await Client.GetDataAsync(P("v")).Bounded()).Data);
        await Assert.ThrowsAsync<NoNodeException>(() => Client.SetDataAsync(P("none"), null).Bounded());
    }

    [Fact]
    public async Task Delete_checks_version_and_children()
    {
        await Client.CreateAsync(P("d"), null, Acl.OpenAclUnsafe).Bounded();
        await Client.CreateAsync(P("d/c"), null, Acl.OpenAclUnsafe).Bounded();
        await Assert.ThrowsAsync<NotEmptyException>(() => Client.DeleteAsync(P("d")).Bounded());
        await Assert.ThrowsAsync<BadVersionException>(() => Client.DeleteAsync(P("d/c"), 5).Bounded());
        await Client.DeleteAsync(P("d/c"), 0).Bounded();
        await Client.DeleteAsync(P("d")).Bounded();
        await Assert.ThrowsAsync<NoNodeException>(() => Client.DeleteAsync(P("d")).Bounded());
        Assert.False(await Client.TryDeleteAsync(P("d")).Bounded());
        await Client.CreateAsync(P("d"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.True(await Client.TryDeleteAsync(P("d")).Bounded());
    }

    [Fact]
    public async Task Children_are_listed_with_and_without_the_parent_stat()
    {
        foreach (var name in new[] { "x", "y", "z" })
        {
            await Client.CreateAsync(P(name), null, Acl.OpenAclUnsafe).Bounded();
        }
        await Client.CreateAsync(P("x/deep"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.Equal(["x", "y", "z"], (await Client.GetChildrenAsync(Root).Bounded()).Order(StringComparer.Ordinal));
        var (children, stat) = await Client.GetChildrenWithStatAsync(Root).Bounded();
        Assert.Equal(3, children.Count);
        Assert.Equal(3, stat.NumChildren);
        Assert.Equal(4, await Client.GetAllChildrenNumberAsync(Root).Bounded());
        await Assert.ThrowsAsync<NoNodeException>(() => Client.GetChildrenAsync(P("none")).Bounded());
    }

    [Fact]
    public async Task Sync_completes_and_later_reads_see_earlier_writes()
    {
        var writer = await ConnectAsync();
        await writer.CreateAsync(P("synced"), B("v"), Acl.OpenAclUnsafe).Bounded();
        await Client.SyncAsync(P("synced")).Bounded();
        Assert.NotNull(await Client.ExistsAsync(P("synced")).Bounded());
    }

    [Fact]
    public async Task Large_data_round_trips_intact()
    {
        var data = new byte[900_000];
        new Random(7).NextBytes(data);
        await Client.CreateAsync(P("big"), data, Acl.OpenAclUnsafe).Bounded();
        Assert.Equal(data, (await Client.GetDataAsync(P("big")).Bounded()).Data);
    }

    [Fact]
    public async Task Session_properties_describe_the_negotiated_session()
    {
        Assert.NotEqual(0, Client.SessionId);
        Assert.Equal(16, Client.SessionPassword.Length);
        Assert.True(Client.SessionTimeout > TimeSpan.Zero);
        Assert.Equal(ClientState.Connected, Client.State);
        Assert.True(Client.LastZxid > 0);
    }

    [Fact]
    public async Task Calls_after_close_throw_ObjectDisposed()
    {
        var other = await ConnectAsync();
        await other.CloseAsync().Bounded();
        Assert.Equal(ClientState.Closed, other.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => other.ExistsAsync("/").Bounded());
    }

    [Fact]
    public async Task Concurrent_closes_both_complete_and_close_the_session_on_the_server()
    {
        var other = await ConnectAsync(sessionTimeout: TimeSpan.FromSeconds(30));
        await other.CreateAsync(P("e"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
        var gone = new Watches.TaskWatcher();
        await Client.ExistsAsync(P("e"), gone).Bounded();

        await Task.WhenAll(other.CloseAsync(), other.CloseAsync(), other.DisposeAsync().AsTask()).Bounded();

        // Well within the session timeout: the server ended the session because it was told to.
        Assert.Equal(EventType.NodeDeleted, (await gone.Triggered.Bounded(TimeSpan.FromSeconds(10))).Type);
        Assert.Equal(ClientState.Closed, other.State);
    }
}
