using ZkNet.Client.Multi;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

/// <summary>A connect string with a chroot: paths go in under it and come back relative to it.</summary>
public abstract class ChrootTests(ServerFixture server) : ClientTestBase(server)
{
    private ZooKeeperClient _chrooted = null!;

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Client.CreateAsync(P("app"), null, Acl.OpenAclUnsafe).Bounded();
        _chrooted = await ConnectAsync(Server.ConnectString + P("app"));
    }

    [Fact]
    public async Task Paths_are_placed_under_the_chroot_and_returned_relative_to_it()
    {
        Assert.Equal("/x", await _chrooted.CreateAsync("/x", B("1"), Acl.OpenAclUnsafe).Bounded());
        Assert.Matches(@"^/s-\d{10}$", (await _chrooted.CreateWithStatAsync("/s-", null, Acl.OpenAclUnsafe, CreateMode.PersistentSequential).Bounded()).Path);
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString((await Client.GetDataAsync(P("app/x")).Bounded()).Data));
        Assert.Equal(2, (await _chrooted.GetChildrenAsync("/").Bounded()).Count);
        Assert.Equal((await Client.ExistsAsync(P("app")).Bounded())!.Value.Czxid, (await _chrooted.ExistsAsync("/").Bounded())!.Value.Czxid);
        Assert.Equal(P("app"), _chrooted.Chroot);
        await _chrooted.SyncAsync("/x").Bounded();
    }

    [Fact]
    public async Task GetConfig_reads_the_config_node_at_its_own_path_whatever_the_chroot()
    {
        var direct = await Client.GetDataAsync("/zookeeper/config").Bounded();

        var chrooted = await _chrooted.GetConfigAsync().Bounded();

        Assert.Equal((direct.Data, direct.Stat), (chrooted.Data, chrooted.Stat));
        Assert.Null(await _chrooted.ExistsAsync("/zookeeper/config").Bounded());
        await Assert.ThrowsAsync<NotSupportedException>(() => _chrooted.GetConfigAsync(new TaskWatcher()));
    }

    [Fact]
    public async Task Reconfig_on_a_standalone_server_is_refused_as_disabled()
    {
        var refused = await Assert.ThrowsAsync<Exceptions.KeeperException>(
            () => _chrooted.ReconfigAsync("server.5=127.0.0.1:1234:1235;2185", null, null).Bounded());

        Assert.Equal(ErrorCode.ReconfigDisabled, refused.Code);
        Assert.Equal("KeeperErrorCode = Reconfig is disabled", refused.Message);
    }

    [Fact]
    public async Task Watch_events_carry_client_paths()
    {
        await _chrooted.CreateAsync("/w", null, Acl.OpenAclUnsafe).Bounded();
        var data = new TaskWatcher();
        var recursive = new EventRecorder();
        await _chrooted.GetDataAsync("/w", data).Bounded();
        await _chrooted.AddWatchAsync("/", recursive, AddWatchMode.PersistentRecursive).Bounded();
        await Client.SetDataAsync(P("app/w"), B("x")).Bounded();
        await Client.CreateAsync(P("app/w/c"), null, Acl.OpenAclUnsafe).Bounded();
        Assert.Equal("/w", (await data.Triggered.Bounded()).Path);
        var changed = await recursive.NextNodeEventAsync();
        Assert.Equal((EventType.NodeDataChanged, "/w"), (changed.Type, changed.Path));
        var created = await recursive.NextNodeEventAsync();
        Assert.Equal((EventType.NodeCreated, "/w/c"), (created.Type, created.Path));
    }

    [Fact]
    public async Task Multi_results_and_ephemerals_are_relative_to_the_chroot()
    {
        // A sibling whose name starts with the chroot's must not leak into the chrooted client's ephemerals.
        await Client.CreateAsync(P("apple"), null, Acl.OpenAclUnsafe).Bounded();
        var results = await _chrooted.BeginTransaction()
            .Create("/e", null, Acl.OpenAclUnsafe, CreateMode.Ephemeral)
            .Create("/seq-", null, Acl.OpenAclUnsafe, CreateMode.EphemeralSequential)
            .CommitAsync().Bounded();
        Assert.Equal("/e", ((CreateOpResult)results[0]).Path);
        var seq = ((CreateOpResult)results[1]).Path;
        Assert.Matches(@"^/seq-\d{10}$", seq);
        Assert.Equal(["/e", seq], (await _chrooted.GetEphemeralsAsync().Bounded()).Order(StringComparer.Ordinal));
        Assert.Equal(["/e"], await _chrooted.GetEphemeralsAsync("/e").Bounded());
        Assert.NotNull(await Client.ExistsAsync(P("app/e")).Bounded());
    }

    [Fact]
    public async Task A_missing_chroot_is_not_created()
    {
        var lost = await ConnectAsync(Server.ConnectString + P("nowhere"));
        await Assert.ThrowsAsync<Exceptions.NoNodeException>(() => lost.CreateAsync("/x", null, Acl.OpenAclUnsafe).Bounded());
        Assert.Null(await lost.ExistsAsync("/").Bounded());
    }
}
