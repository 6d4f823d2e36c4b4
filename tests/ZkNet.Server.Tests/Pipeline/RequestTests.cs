using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>Replies to ordinary requests, with the zxids and Stats Apache ZooKeeper 3.8 puts in them.</summary>
public sealed class RequestTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture = new();
    private TestClient _client = null!;

    public async Task InitializeAsync() => _client = await _fixture.ConnectAsync();

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task Create_replies_with_the_path_at_a_new_zxid_and_getData_sees_it()
    {
        var before = _fixture.Server.LastZxid;

        var created = await _client.CallAsync(OpCode.Create, new CreateRequest("/a", "hello"u8.ToArray(), Acl.OpenAclUnsafe, 0));
        var read = await _client.GetDataAsync("/a");

        Assert.Equal(ErrorCode.Ok, created.Err);
        Assert.Equal(before + 1, created.Header.Zxid);
        Assert.Equal("/a", created.Read<CreateResponse>().Path);
        var data = read.Read<GetDataResponse>();
        Assert.Equal("hello"u8.ToArray(), data.Data);
        Assert.Equal(created.Header.Zxid, data.Stat.Czxid);
        Assert.Equal(created.Header.Zxid, read.Header.Zxid);
    }

    [Fact]
    public async Task Create2_replies_with_the_stat_of_the_new_node()
    {
        var reply = await _client.CreateAsync("/s", "xyz", CreateMode.Ephemeral);

        var response = reply.Read<Create2Response>();
        Assert.Equal("/s", response.Path);
        Assert.Equal(reply.Header.Zxid, response.Stat.Czxid);
        Assert.Equal(reply.Header.Zxid, response.Stat.Pzxid);
        Assert.Equal(3, response.Stat.DataLength);
        Assert.Equal(_client.SessionId, response.Stat.EphemeralOwner);
        Assert.Equal(_fixture.Time.GetUtcNow().ToUnixTimeMilliseconds(), response.Stat.Ctime);
    }

    [Fact]
    public async Task Sequential_names_count_every_child_creation_and_survive_deletions()
    {
        // Apache ZooKeeper names them item-0000000000, -01, -02, and after deleting one the next is -03.
        await _client.CreateAsync("/q");
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await _client.CreateAsync("/q/item-", mode: CreateMode.PersistentSequential)).Read<Create2Response>().Path);
        }
        await _client.DeleteAsync("/q/item-0000000001");
        names.Add((await _client.CreateAsync("/q/item-", mode: CreateMode.EphemeralSequential)).Read<Create2Response>().Path);
        await _client.CreateAsync("/q/plain");
        names.Add((await _client.CreateAsync("/q/", mode: CreateMode.PersistentSequential)).Read<Create2Response>().Path);

        Assert.Equal(["/q/item-0000000000", "/q/item-0000000001", "/q/item-0000000002", "/q/item-0000000003", "/q/0000000005"], names);
    }

    [Fact]
    public async Task SetData_checks_the_version_and_returns_the_new_stat()
    {
        var created = await _client.CreateAsync("/v", "0");

        var first = await _client.SetDataAsync("/v", "1", version: 0);
        var stale = await _client.SetDataAsync("/v", "2", version: 0);
        var any = await _client.SetDataAsync("/v", "three", version: -1);

        Assert.Equal(ErrorCode.Ok, first.Err);
        Assert.Equal(1, first.Read<SetDataResponse>().Stat.Version);
        Assert.Equal(ErrorCode.BadVersion, stale.Err);
        Assert.Empty(stale.Body);
        var stat = any.Read<SetDataResponse>().Stat;
        Assert.Equal(2, stat.Version);
        Assert.Equal(5, stat.DataLength);
        Assert.Equal(any.Header.Zxid, stat.Mzxid);
        Assert.Equal(created.Header.Zxid, stat.Czxid);
    }

    [Fact]
    public async Task Failed_writes_consume_a_zxid_and_reads_report_the_last_one()
    {
        var start = _fixture.Server.LastZxid;

        var failed = await _client.SetDataAsync("/nope", "x");
        var failedAgain = await _client.SetDataAsync("/nope", "x");
        var read = await _client.GetDataAsync("/nope");

        Assert.Equal(ErrorCode.NoNode, failed.Err);
        Assert.Equal(start + 1, failed.Header.Zxid);
        Assert.Equal(start + 2, failedAgain.Header.Zxid);
        Assert.Equal(ErrorCode.NoNode, read.Err);
        Assert.Equal(start + 2, read.Header.Zxid);
    }

    [Fact]
    public async Task Delete_checks_version_then_children()
    {
        await _client.CreateAsync("/d");
        await _client.CreateAsync("/d/c");

        Assert.Equal(ErrorCode.BadVersion, (await _client.DeleteAsync("/d", version: 5)).Err);
        Assert.Equal(ErrorCode.NotEmpty, (await _client.DeleteAsync("/d", version: 0)).Err);
        Assert.Equal(ErrorCode.Ok, (await _client.DeleteAsync("/d/c", version: 0)).Err);
        Assert.Equal(ErrorCode.Ok, (await _client.DeleteAsync("/d")).Err);
        Assert.Equal(ErrorCode.NoNode, (await _client.ExistsAsync("/d")).Err);
    }

    [Fact]
    public async Task Ephemeral_node_cannot_have_children()
    {
        await _client.CreateAsync("/e", mode: CreateMode.Ephemeral);

        Assert.Equal(ErrorCode.NoChildrenForEphemerals, (await _client.CreateAsync("/e/c")).Err);
    }

    [Fact]
    public async Task Ping_is_answered_with_the_ping_xid_and_the_last_zxid()
    {
        await _client.CreateAsync("/p");

        await _client.SendAsync(OpCode.Ping, null, xid: Xids.Ping);
        var reply = await _client.NextAsync();

        Assert.Equal(new ReplyHeader(Xids.Ping, _fixture.Server.LastZxid, 0), reply!.Header);
    }

    [Fact]
    public async Task Children_and_descendant_counts_are_reported()
    {
        await _client.CreateAsync("/k");
        await _client.CreateAsync("/k/a");
        await _client.CreateAsync("/k/b");
        await _client.CreateAsync("/k/a/x");

        var children = (await _client.CallAsync(OpCode.GetChildren2, new GetChildren2Request("/k", false))).Read<GetChildren2Response>();
        var count = (await _client.CallAsync(OpCode.GetAllChildrenNumber, new GetAllChildrenNumberRequest("/k"))).Read<GetAllChildrenNumberResponse>();

        Assert.Equal(["a", "b"], children.Children.Order(StringComparer.Ordinal));
        Assert.Equal(2, children.Stat.NumChildren);
        Assert.Equal(3, count.TotalNumber);
    }

    [Fact]
    public async Task GetEphemerals_lists_the_sessions_own_ephemerals_under_a_prefix()
    {
        await _client.CreateAsync("/g");
        await _client.CreateAsync("/g/e1", mode: CreateMode.Ephemeral);
        await _client.CreateAsync("/g2", mode: CreateMode.Ephemeral);
        var other = await _fixture.ConnectAsync();
        await other.CreateAsync("/g/theirs", mode: CreateMode.Ephemeral);

        var all = (await _client.CallAsync(OpCode.GetEphemerals, new GetEphemeralsRequest("/"))).Read<GetEphemeralsResponse>();
        var under = (await _client.CallAsync(OpCode.GetEphemerals, new GetEphemeralsRequest("/g/"))).Read<GetEphemeralsResponse>();

        Assert.Equal(["/g/e1", "/g2"], all.Ephemerals);
        Assert.Equal(["/g/e1"], under.Ephemerals);
    }

    [Fact]
    public async Task GetAcl_without_admin_permission_hides_digest_hashes()
    {
        // What Apache ZooKeeper 3.8 answers a client with READ but not ADMIN.
        await _client.CreateAsync("/h", acl: [new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.Admin, new Id("digest", "zz:abc"))]);

        var reply = await _client.CallAsync(OpCode.GetAcl, new GetAclRequest("/h"));

        Assert.Equal([new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.Admin, new Id("digest", "zz:x"))], reply.Read<GetAclResponse>().Acl);
    }

    [Fact]
    public async Task GetAcl_with_admin_permission_shows_digest_hashes()
    {
        IReadOnlyList<Acl> acl = [new Acl(Perms.All, Id.AnyoneIdUnsafe), new Acl(Perms.Read, new Id("digest", "zz:abc"))];
        await _client.CreateAsync("/h2", acl: acl);

        var reply = await _client.CallAsync(OpCode.GetAcl, new GetAclRequest("/h2"));

        Assert.Equal(acl, reply.Read<GetAclResponse>().Acl);
    }

    [Fact]
    public async Task AddAuth_with_a_digest_lets_the_client_use_nodes_of_that_identity()
    {
        await _client.SendAsync(OpCode.Auth, new AuthPacket(0, "digest", "alice:s3cret"u8.ToArray()), xid: Xids.Auth);
        var auth = await _client.ReplyToAsync(Xids.Auth);
        await _client.CreateAsync("/private", "p", acl: Acl.CreatorAllAcl);
        var stranger = await _fixture.ConnectAsync();

        var acl = (await _client.CallAsync(OpCode.GetAcl, new GetAclRequest("/private"))).Read<GetAclResponse>().Acl;
        var denied = await stranger.GetDataAsync("/private");

        Assert.Equal(new ReplyHeader(Xids.Auth, 0, 0), auth.Header);
        Assert.Equal([new Acl(Perms.All, new Id("digest", "alice:uLxpHc/uhT86OXPoSjJTp1M8CJY="))], acl);
        Assert.Equal(ErrorCode.NoAuth, denied.Err);
    }

    [Fact]
    public async Task AddAuth_with_an_unknown_scheme_is_AuthFailed_and_closes()
    {
        await _client.SendAsync(OpCode.Auth, new AuthPacket(0, "foo", "x"u8.ToArray()), xid: Xids.Auth);

        var reply = await _client.NextAsync();

        Assert.Equal(new ReplyHeader(Xids.Auth, 0, (int)ErrorCode.AuthFailed), reply!.Header);
        Assert.Null(await _client.NextAsync());
    }
}
