using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// A watch delivers only events about nodes its session may read (ZooKeeper's fix for CVE-2024-23944): a persistent
/// or recursive watch on a readable node must not reveal the paths of protected nodes below it.
/// </summary>
public sealed class WatchAclTests : IAsyncLifetime
{
    private static readonly IReadOnlyList<Acl> AliceOnly =
        [new Acl(Perms.All, new Id("digest", DigestAuthenticationProvider.GenerateDigest("alice:s3cret")))];

    private readonly ServerFixture _fixture = new();
    private TestClient _watcher = null!;
    private TestClient _alice = null!;

    public async Task InitializeAsync()
    {
        _watcher = await _fixture.ConnectAsync();
        _alice = await _fixture.ConnectAsync();
        await AuthenticateAsync(_alice);
        await _alice.CreateAsync("/p");
        await _alice.CreateAsync("/p/sec", acl: AliceOnly);
    }

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    private static async Task AuthenticateAsync(TestClient client)
    {
        await client.SendAsync(OpCode.Auth, new AuthPacket(0, "digest", "alice:s3cret"u8.ToArray()), xid: Xids.Auth);
        Assert.Equal(0, (await client.ReplyToAsync(Xids.Auth)).Header.Err);
    }

    /// <summary>Changes /p/sec/child (protected) and /p/open (world-readable) in every way, then syncs the watcher.</summary>
    private async Task<IReadOnlyList<(EventType, string)>> ChangeEverythingAsync()
    {
        await _alice.CreateAsync("/p/sec/child", acl: AliceOnly);
        await _alice.SetDataAsync("/p/sec/child", "x");
        await _alice.DeleteAsync("/p/sec/child");
        await _alice.SetDataAsync("/p/sec", "y");
        await _alice.CreateAsync("/p/open");
        await _alice.SetDataAsync("/p/open", "z");
        await _alice.DeleteAsync("/p/open");
        // A round trip on the watcher's own connection: every event of the changes above precedes its reply.
        await _watcher.ExistsAsync("/p");
        return _watcher.Events.Select(e => ((EventType)e.Type, e.Path)).ToList();
    }

    [Fact]
    public async Task Recursive_watch_reports_only_the_nodes_its_session_may_read()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/p", (int)AddWatchMode.PersistentRecursive));

        var events = await ChangeEverythingAsync();

        Assert.Equal([(EventType.NodeCreated, "/p/open"), (EventType.NodeDataChanged, "/p/open"), (EventType.NodeDeleted, "/p/open")], events);
    }

    [Fact]
    public async Task Persistent_watch_on_a_protected_node_reports_neither_its_data_nor_its_children()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/p/sec", (int)AddWatchMode.Persistent));
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/p", (int)AddWatchMode.Persistent));

        var events = await ChangeEverythingAsync();

        // /p is world-readable: its child list changes are reported (the child's name is the parent's to show).
        Assert.Equal([(EventType.NodeChildrenChanged, "/p"), (EventType.NodeChildrenChanged, "/p")], events);
    }

    [Fact]
    public async Task Exists_watch_on_a_node_created_with_a_protected_acl_is_consumed_without_an_event()
    {
        Assert.Equal(ErrorCode.NoNode, (await _watcher.ExistsAsync("/p/later", watch: true)).Err);

        await _alice.CreateAsync("/p/later", acl: AliceOnly);
        await _alice.DeleteAsync("/p/later");
        await _alice.CreateAsync("/p/later");
        await _watcher.ExistsAsync("/p");

        Assert.Empty(_watcher.Events);
        Assert.Equal(0, _fixture.Server.Tree.DataWatches.Count);
    }

    [Fact]
    public async Task Credentials_added_after_the_watch_was_set_count_at_delivery()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/p", (int)AddWatchMode.PersistentRecursive));
        await _alice.CreateAsync("/p/sec/before", acl: AliceOnly);
        await AuthenticateAsync(_watcher);

        await _alice.CreateAsync("/p/sec/after", acl: AliceOnly);
        await _watcher.ExistsAsync("/p");

        Assert.Equal([(EventType.NodeCreated, "/p/sec/after")], _watcher.Events.Select(e => ((EventType)e.Type, e.Path)));
    }

    [Fact]
    public async Task Ephemerals_deleted_with_their_session_are_reported_only_to_readers()
    {
        await _watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/p", (int)AddWatchMode.PersistentRecursive));
        var owner = await _fixture.ConnectAsync();
        await AuthenticateAsync(owner);
        await owner.CreateAsync("/p/sec/eph", mode: CreateMode.Ephemeral, acl: AliceOnly);
        await owner.CreateAsync("/p/eph", mode: CreateMode.Ephemeral);

        await owner.CallAsync(OpCode.CloseSession);
        await _watcher.ExistsAsync("/p");

        Assert.Equal([(EventType.NodeCreated, "/p/eph"), (EventType.NodeDeleted, "/p/eph")], _watcher.Events.Select(e => ((EventType)e.Type, e.Path)));
    }

    [Fact]
    public async Task SkipAcl_delivers_every_event()
    {
        await using var fixture = new ServerFixture(new ZooKeeperServerOptions { SkipAcl = true });
        var watcher = await fixture.ConnectAsync();
        var writer = await fixture.ConnectAsync();
        await writer.CreateAsync("/s", acl: AliceOnly);
        await watcher.CallAsync(OpCode.AddWatch, new AddWatchRequest("/s", (int)AddWatchMode.PersistentRecursive));

        await writer.CreateAsync("/s/c", acl: AliceOnly);
        await watcher.ExistsAsync("/s");

        Assert.Equal([(EventType.NodeCreated, "/s/c")], watcher.Events.Select(e => ((EventType)e.Type, e.Path)));
    }
}
