using System.Diagnostics;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Pipeline;
using ZkNet.Server.Tests.Pipeline;
using ZkNet.Server.Throttling;

namespace ZkNet.Server.Tests.Throttling;

/// <summary>
/// ZooKeeper's RequestThrottler (request_throttle_max_requests, _stall_time, _drop_stale, request_stale_*): writes
/// are held in process by a txn log whose syncs wait on a gate, so what waits and what is dropped is exact. Time is
/// virtual: the stall timer fires only when a test moves the clock, so everything else that moves the queue is an
/// event (a request answered, a connection closed).
/// </summary>
public sealed class RequestThrottlerTests : IAsyncLifetime
{
    private readonly GatedTxnLog _log = new();
    private readonly ManualTimeProvider _time = new();
    private ZooKeeperServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _log.Open();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private ZooKeeperServer Start(RequestThrottleSettings settings)
    {
        _server = new ZooKeeperServer(new ZooKeeperServerOptions { RequestThrottle = settings }, _log, _time);
        _server.Start();
        return _server;
    }

    private long Counter(string name) => _server!.Metrics.Counter(name).Value;

    [Fact]
    public async Task No_more_than_max_requests_are_in_process_the_rest_wait_and_every_session_is_answered_in_order()
    {
        var server = Start(new RequestThrottleSettings { MaxRequests = 2 });
        var throttler = server.RequestThrottler!;
        var clients = new List<TestClient>();
        for (var c = 0; c < 3; c++)
        {
            clients.Add(await TestClient.ConnectAsync(server, port: 40000 + c));
        }
        _log.Close();
        var sent = clients.Select(_ => new List<int>()).ToList();
        for (var round = 0; round < 4; round++)
        {
            for (var c = 0; c < clients.Count; c++)
            {
                sent[c].Add(await clients[c].SendAsync(OpCode.Create, Create($"/c{c}-{round}")));
            }
        }
        for (var c = 0; c < clients.Count; c++)
        {
            // A read behind its own session's writes: it must see all of them.
            sent[c].Add(await clients[c].SendAsync(OpCode.Exists, new ExistsRequest($"/c{c}-3", false)));
        }
        var total = sent.Sum(s => s.Count);

        // Two writes proposed and waiting for the log; the third request waits at the head of the queue, the rest behind it.
        await UntilAsync(() => throttler.InProcess == 2 && throttler.Waiting == total - 3 && server.PendingProposals == 2,
            () => $"in process {throttler.InProcess}, waiting {throttler.Waiting}, proposals {server.PendingProposals}");
        Assert.True(Counter("request_throttle_wait_count") >= 1);
        Assert.All(clients, client => Assert.False(client.Cnxn.HasFrame));

        _log.Open();
        for (var c = 0; c < clients.Count; c++)
        {
            foreach (var xid in sent[c])
            {
                // ReplyToAsync insists that the next reply is this xid's: the session's order is kept.
                Assert.Equal(ErrorCode.Ok, (await clients[c].ReplyToAsync(xid)).Err);
            }
        }
        Assert.Equal(2, throttler.PeakInProcess);
        Assert.Equal(0, throttler.InProcess);
        Assert.Equal(0, Interlocked.Read(ref server.Stats.Outstanding));
        Assert.Equal(0, Counter("stale_requests_dropped"));
    }

    [Fact]
    public async Task A_waiting_request_is_not_dropped_and_looks_again_every_stall_time()
    {
        var server = Start(new RequestThrottleSettings { MaxRequests = 1, StallTimeMs = 100 });
        var holder = await TestClient.ConnectAsync(server);
        var waiter = await TestClient.ConnectAsync(server, port: 40001);
        _log.Close();
        var held = await holder.SendAsync(OpCode.Create, Create("/held"));
        await UntilAsync(() => server.PendingProposals == 1, () => "the write never reached the log");
        var exists = await waiter.SendAsync(OpCode.Exists, new ExistsRequest("/held", false));
        await UntilAsync(() => Counter("request_throttle_wait_count") == 1, () => "the read never stalled");

        // Nothing completes meanwhile, so only the stall timer can end a wait; each end is one more look.
        await UntilAsync(() =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            return Counter("request_throttle_wait_count") >= 3;
        }, () => $"waits: {Counter("request_throttle_wait_count")}");
        Assert.False(waiter.Cnxn.HasFrame);
        Assert.Equal(1, server.RequestThrottler!.InProcess);

        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await holder.ReplyToAsync(held)).Err);
        Assert.Equal(ErrorCode.Ok, (await waiter.ReplyToAsync(exists)).Err);
    }

    [Fact]
    public async Task Requests_of_a_connection_that_closes_while_they_wait_are_dropped_and_nothing_of_them_is_applied()
    {
        var server = Start(new RequestThrottleSettings { MaxRequests = 1 });
        var holder = await TestClient.ConnectAsync(server);
        var leaver = await TestClient.ConnectAsync(server, port: 40001);
        var other = await TestClient.ConnectAsync(server, port: 40002);
        _log.Close();
        var held = await holder.SendAsync(OpCode.Create, Create("/held"));
        await UntilAsync(() => server.PendingProposals == 1, () => "the write never reached the log");
        await leaver.SendAsync(OpCode.Create, Create("/gone-0"));
        await leaver.SendAsync(OpCode.Create, Create("/gone-1"));
        await leaver.SendAsync(OpCode.SetData, new SetDataRequest("/held", [1], -1));
        var exists = await other.SendAsync(OpCode.Exists, new ExistsRequest("/held", false));

        // What the transport does when a client goes away.
        await server.SubmitAsync(new Request { Kind = RequestKind.ConnectionClosed, Cnxn = leaver.Cnxn });
        _log.Open();

        Assert.Equal(ErrorCode.Ok, (await holder.ReplyToAsync(held)).Err);
        Assert.Equal(ErrorCode.Ok, (await other.ReplyToAsync(exists)).Err);
        Assert.Null(await leaver.NextAsync());
        Assert.Equal(ErrorCode.NoNode, (await other.ExistsAsync("/gone-0")).Err);
        Assert.Equal(ErrorCode.NoNode, (await other.ExistsAsync("/gone-1")).Err);
        Assert.Equal(0, (await other.GetDataAsync("/held")).Read<GetDataResponse>().Stat.Version);
        Assert.Equal([(int)OpCode.CreateSession], _log.Txns.Where(t => t.Header.ClientId == leaver.SessionId).Select(t => t.Header.Type));
        // The first is dropped as stale; the connection is then invalid and the later two go with it (ZooKeeper's mustDrop).
        Assert.Equal(1, Counter("stale_requests_dropped"));
        Assert.Equal(0, Counter("stale_requests"));
        Assert.Equal(0, server.RequestThrottler!.InProcess);
        Assert.Equal(0, Interlocked.Read(ref server.Stats.Outstanding));
    }

    [Fact]
    public async Task Without_drop_stale_the_requests_of_a_closed_connection_still_run_and_count_as_stale()
    {
        var server = Start(new RequestThrottleSettings { MaxRequests = 1, DropStale = false });
        var holder = await TestClient.ConnectAsync(server);
        var leaver = await TestClient.ConnectAsync(server, port: 40001);
        var other = await TestClient.ConnectAsync(server, port: 40002);
        _log.Close();
        var held = await holder.SendAsync(OpCode.Create, Create("/held"));
        await UntilAsync(() => server.PendingProposals == 1, () => "the write never reached the log");
        await leaver.SendAsync(OpCode.Create, Create("/kept-0"));
        await leaver.SendAsync(OpCode.Create, Create("/kept-1"));
        var exists = await other.SendAsync(OpCode.Exists, new ExistsRequest("/kept-1", false));

        await server.SubmitAsync(new Request { Kind = RequestKind.ConnectionClosed, Cnxn = leaver.Cnxn });
        _log.Open();

        Assert.Equal(ErrorCode.Ok, (await holder.ReplyToAsync(held)).Err);
        Assert.Equal(ErrorCode.Ok, (await other.ReplyToAsync(exists)).Err);
        Assert.Equal(ErrorCode.Ok, (await other.ExistsAsync("/kept-0")).Err);
        Assert.Equal(2, Counter("stale_requests"));
        Assert.Equal(0, Counter("stale_requests_dropped"));
    }

    [Fact]
    public async Task With_the_latency_check_a_request_older_than_its_session_timeout_is_dropped_and_its_connection_closed()
    {
        var server = Start(new RequestThrottleSettings { MaxRequests = 1, StaleLatencyCheck = true });
        var holder = await TestClient.ConnectAsync(server);
        var late = await TestClient.ConnectAsync(server, timeoutMs: 30_000, port: 40001);
        _log.Close();
        var held = await holder.SendAsync(OpCode.Create, Create("/held"));
        await UntilAsync(() => server.PendingProposals == 1, () => "the write never reached the log");

        // Read a minute ago (its session times out after 30 s), then a fresh request behind it.
        var old = RequestDecoder.Decode(late.Cnxn, Encode(new RequestHeader(1, (int)OpCode.Create), Create("/late")));
        await server.SubmitAsync(new Request
        {
            Kind = old.Kind, Cnxn = old.Cnxn, Xid = old.Xid, Op = old.Op, Record = old.Record,
            ReceivedTimestamp = Stopwatch.GetTimestamp() - (60 * Stopwatch.Frequency),
        });
        await late.SendAsync(OpCode.Exists, new ExistsRequest("/held", false), xid: 2);

        // Its connection is closed at once (the client reconnects and resends), though the throttler is still full.
        Assert.Null(await late.NextAsync());
        Assert.Equal(1, Counter("stale_requests_dropped"));
        _log.Open();
        Assert.Equal(ErrorCode.Ok, (await holder.ReplyToAsync(held)).Err);
        Assert.Equal(ErrorCode.NoNode, (await holder.ExistsAsync("/late")).Err);
        // Only the connection closed: the session lives on for its client to resume.
        Assert.True(await server.InspectAsync(() => server.Sessions.Get(late.SessionId) is not null));
    }

    [Fact]
    public async Task Zero_max_requests_leaves_the_throttler_out_of_the_pipeline()
    {
        var server = Start(new RequestThrottleSettings());
        var client = await TestClient.ConnectAsync(server);

        Assert.Null(server.RequestThrottler);
        Assert.Equal(ErrorCode.Ok, (await client.CreateAsync("/free")).Err);
        Assert.Equal(0, Counter("request_throttle_wait_count"));
    }

    private static CreateRequest Create(string path) => new(path, [], Acl.OpenAclUnsafe, (int)CreateMode.Persistent);

    private static byte[] Encode(RequestHeader header, IJuteRecord body)
    {
        using var buffer = new FrameBuffer(128);
        var writer = new JuteWriter(buffer);
        header.Serialize(writer);
        body.Serialize(writer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Polls a condition about the throttler's state, for at most 10 s: nothing announces that its task has reached a
    /// stall, so this is the one place these tests look rather than wait for an event.
    /// </summary>
    private static async Task UntilAsync(Func<bool> condition, Func<string> state)
    {
        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException("condition not met within 10 s: " + state());
            }
            await Task.Delay(5);
        }
    }
}
