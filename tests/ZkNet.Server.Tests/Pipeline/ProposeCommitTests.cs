using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// A write is proposed, then applied only when committed (standalone: once the log holding it is durable). While
/// it is in flight nobody sees it, later writes are validated against it (ZooKeeper's outstanding changes), its own
/// session's reads wait behind it, and other sessions' reads do not.
/// </summary>
public sealed class ProposeCommitTests : IAsyncLifetime
{
    private readonly GatedTxnLog _log = new();
    private readonly ZooKeeperServer _server;
    private TestClient _a = null!;
    private TestClient _b = null!;

    public ProposeCommitTests()
    {
        _server = new ZooKeeperServer(new ZooKeeperServerOptions(), _log, new ManualTimeProvider());
        _server.Start();
    }

    public async Task InitializeAsync()
    {
        _a = await TestClient.ConnectAsync(_server);
        _b = await TestClient.ConnectAsync(_server, port: 40001);
        Assert.Equal(ErrorCode.Ok, (await _a.CreateAsync("/p")).Err);
        _log.Close();
    }

    public async Task DisposeAsync()
    {
        _log.Open();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_write_in_flight_is_invisible_to_other_sessions_and_does_not_hold_up_their_reads()
    {
        var create = await _a.SendAsync(OpCode.Create, Create("/p/x"));

        Assert.Equal(ErrorCode.NoNode, (await _b.ExistsAsync("/p/x")).Err);
        Assert.False(_a.Cnxn.HasFrame);
        Assert.Equal(1, _server.PendingProposals);

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(create)).Err);
        Assert.Equal(ErrorCode.Ok, (await _b.ExistsAsync("/p/x")).Err);
    }

    [Fact]
    public async Task A_read_waits_behind_its_own_sessions_write_and_then_sees_it()
    {
        var create = await _a.SendAsync(OpCode.Create, Create("/p/y"));
        var exists = await _a.SendAsync(OpCode.Exists, new ExistsRequest("/p/y", false));
        // B's answer proves the processor has taken both of A's requests.
        Assert.Equal(ErrorCode.NoNode, (await _b.ExistsAsync("/p/y")).Err);
        Assert.False(_a.Cnxn.HasFrame);

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(create)).Err);
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(exists)).Err);
    }

    [Fact]
    public async Task Two_creates_of_one_path_in_flight_the_second_is_refused_with_NodeExists()
    {
        var first = await _a.SendAsync(OpCode.Create, Create("/p/z"));
        var second = await _b.SendAsync(OpCode.Create, Create("/p/z"));
        var third = await _b.SendAsync(OpCode.Create, Create("/p/z/child"));

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(first)).Err);
        Assert.Equal(ErrorCode.NodeExists, (await _b.ReplyToAsync(second)).Err);
        Assert.Equal(ErrorCode.Ok, (await _b.ReplyToAsync(third)).Err);
    }

    [Fact]
    public async Task Sequential_creates_in_flight_take_consecutive_suffixes()
    {
        var xids = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            xids.Add(await (i % 2 == 0 ? _a : _b).SendAsync(OpCode.Create, Create("/p/s-", CreateMode.PersistentSequential)));
        }

        _log.Open();
        var paths = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reply = await (i % 2 == 0 ? _a : _b).ReplyToAsync(xids[i]);
            Assert.Equal(ErrorCode.Ok, reply.Err);
            paths.Add(reply.Read<CreateResponse>().Path);
        }
        Assert.Equal(["/p/s-0000000000", "/p/s-0000000001", "/p/s-0000000002"], paths);
    }

    [Fact]
    public async Task Versions_of_writes_in_flight_count_for_the_next_check()
    {
        var first = await _a.SendAsync(OpCode.SetData, new SetDataRequest("/p", [1], 0));
        var stale = await _b.SendAsync(OpCode.SetData, new SetDataRequest("/p", [2], 0));
        var next = await _b.SendAsync(OpCode.SetData, new SetDataRequest("/p", [3], 1));

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(first)).Err);
        Assert.Equal(ErrorCode.BadVersion, (await _b.ReplyToAsync(stale)).Err);
        var reply = await _b.ReplyToAsync(next);
        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(2, reply.Read<SetDataResponse>().Stat.Version);
    }

    [Fact]
    public async Task A_failed_multi_in_flight_leaves_no_trace_for_later_writes()
    {
        var multi = await _a.SendAsync(OpCode.Multi, new MultiRequest(
        [
            new MultiOp(OpCode.Create, Create("/p/m")),
            new MultiOp(OpCode.Delete, new DeleteRequest("/p/missing", -1)),
        ]));
        var create = await _b.SendAsync(OpCode.Create, Create("/p/m"));

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(multi)).Err);
        Assert.Equal(ErrorCode.Ok, (await _b.ReplyToAsync(create)).Err);
    }

    [Fact]
    public async Task Closing_a_session_deletes_the_ephemeral_it_created_while_both_were_in_flight()
    {
        var create = await _a.SendAsync(OpCode.Create, Create("/p/e", CreateMode.Ephemeral));
        var close = await _a.SendAsync(OpCode.CloseSession);
        // Another session's create of the same path is validated after the close: the ephemeral is going.
        var recreate = await _b.SendAsync(OpCode.Create, Create("/p/e"));

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(create)).Err);
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(close)).Err);
        Assert.Null(await _a.NextAsync());
        Assert.Equal(ErrorCode.Ok, (await _b.ReplyToAsync(recreate)).Err);
        var closeTxn = _log.Txns.Select(t => t.Body).OfType<CloseSessionTxn>().Single();
        Assert.Equal(["/p/e"], closeTxn.Paths2Delete);
        var stat = (await _b.ExistsAsync("/p/e")).Read<ExistsResponse>().Stat;
        Assert.Equal(0, stat.EphemeralOwner);
    }

    [Fact]
    public async Task A_watch_fires_when_the_write_is_applied_and_before_its_data_can_be_read()
    {
        Assert.Equal(ErrorCode.NoNode, (await _b.ExistsAsync("/p/w", watch: true)).Err);
        var create = await _a.SendAsync(OpCode.Create, Create("/p/w"));
        Assert.Equal(ErrorCode.NoNode, (await _b.ExistsAsync("/p/w")).Err);
        Assert.False(_b.Cnxn.HasFrame);

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await _a.ReplyToAsync(create)).Err);
        var read = await _b.ExistsAsync("/p/w");
        Assert.Equal(ErrorCode.Ok, read.Err);
        var created = Assert.Single(_b.Events);
        Assert.Equal((int)EventType.NodeCreated, created.Type);
    }

    [Fact]
    public async Task A_new_session_is_answered_only_once_its_createSession_is_durable()
    {
        var connect = TestClient.ConnectAsync(_server, port: 40002);
        Assert.Equal(ErrorCode.NoNode, (await _b.ExistsAsync("/p/none")).Err);
        Assert.False(connect.IsCompleted);

        _log.Open();
        var client = await connect.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(0, client.SessionId);
        Assert.Contains(_log.Txns, t => t.Header.Type == (int)OpCode.CreateSession && t.Header.ClientId == client.SessionId);
    }

    private static CreateRequest Create(string path, CreateMode mode = CreateMode.Persistent) =>
        new(path, [], Acl.OpenAclUnsafe, (int)mode);
}
