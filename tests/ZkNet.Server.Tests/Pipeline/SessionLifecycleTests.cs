using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>Session creation, expiry on virtual time, reconnection and close.</summary>
public sealed class SessionLifecycleTests : IAsyncLifetime
{
    private readonly ServerFixture _fixture = new();
    private TestClient _observer = null!;

    public async Task InitializeAsync() => _observer = await _fixture.ConnectAsync(timeoutMs: 40_000);

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Theory]
    [InlineData(100, 4000)]
    [InlineData(4000, 4000)]
    [InlineData(12_345, 12_345)]
    [InlineData(100_000, 40_000)]
    public async Task Requested_timeout_is_clamped_between_two_and_twenty_ticks(int requested, int granted)
    {
        var client = await _fixture.ConnectAsync(timeoutMs: requested);

        Assert.Equal(granted, client.Connected!.TimeOut);
    }

    [Fact]
    public async Task New_session_gets_the_password_derived_from_its_id()
    {
        var client = await _fixture.ConnectAsync();

        Assert.Equal(1, client.SessionId >> 56);
        Assert.NotEqual(_observer.SessionId, client.SessionId);
        Assert.Equal(SessionTracker.PasswordFor(client.SessionId), client.Connected!.Passwd);
    }

    [Fact]
    public async Task Expired_session_loses_its_ephemerals_and_its_connection()
    {
        var client = await _fixture.ConnectAsync(timeoutMs: 4000);
        await client.CreateAsync("/e", mode: CreateMode.Ephemeral);
        await _observer.ExistsAsync("/e", watch: true);

        _fixture.Advance(TimeSpan.FromMilliseconds(3000));
        Assert.Equal(ErrorCode.Ok, (await _observer.ExistsAsync("/e")).Err);
        Assert.False(client.Cnxn.Closed);

        _fixture.Advance(TimeSpan.FromMilliseconds(4000));
        var evt = await _observer.NextEventAsync();
        var after = await _observer.ExistsAsync("/e");

        Assert.Equal(((int)EventType.NodeDeleted, "/e"), (evt.Type, evt.Path));
        Assert.Equal(ErrorCode.NoNode, after.Err);
        Assert.Null(await client.NextAsync());
        Assert.True(client.Cnxn.Closed);
        Assert.Null(_fixture.Server.Sessions.Get(client.SessionId));
    }

    [Fact]
    public async Task Requests_keep_a_session_alive_past_its_timeout()
    {
        var client = await _fixture.ConnectAsync(timeoutMs: 4000);
        await client.CreateAsync("/alive", mode: CreateMode.Ephemeral);

        for (var i = 0; i < 10; i++)
        {
            _fixture.Advance(TimeSpan.FromMilliseconds(2000));
            Assert.Equal(ErrorCode.Ok, (await client.ExistsAsync("/alive")).Err);
        }

        Assert.False(client.Cnxn.Closed);
    }

    [Fact]
    public async Task Reconnecting_with_the_password_keeps_the_session_and_closes_the_old_connection()
    {
        var first = await _fixture.ConnectAsync(timeoutMs: 10_000);
        await first.CreateAsync("/mine", mode: CreateMode.Ephemeral);

        var second = await _fixture.ConnectAsync(timeoutMs: 10_000, sessionId: first.SessionId, password: first.Connected!.Passwd);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal(10_000, second.Connected!.TimeOut);
        Assert.Equal(first.Connected.Passwd, second.Connected.Passwd);
        Assert.Null(await first.NextAsync());
        Assert.Equal(first.SessionId, (await second.ExistsAsync("/mine")).Read<ExistsResponse>().Stat.EphemeralOwner);
    }

    [Fact]
    public async Task Old_connection_of_a_moved_session_is_closed_and_answers_nothing()
    {
        var first = await _fixture.ConnectAsync();
        var moved = new TestClient(_fixture.Server, new FakeCnxn());
        await moved.HandshakeAsync(new ConnectRequest(0, 0, 30_000, first.SessionId, first.Connected!.Passwd, false));

        // The server closed the first connection; a request still in flight on it is refused.
        await first.SendAsync(OpCode.Exists, new ExistsRequest("/", false));
        Assert.Null(await first.NextAsync());
        Assert.Equal(ErrorCode.Ok, (await moved.ExistsAsync("/")).Err);
    }

    [Fact]
    public async Task Wrong_password_gets_timeout_zero_session_zero_and_a_close()
    {
        var first = await _fixture.ConnectAsync();
        var wrong = first.Connected!.Passwd!.ToArray();
        wrong[0] ^= 1;
        var intruder = new TestClient(_fixture.Server, new FakeCnxn());

        var response = await intruder.HandshakeAsync(new ConnectRequest(0, 0, 30_000, first.SessionId, wrong, false));

        Assert.NotNull(response);
        Assert.Equal((0, 0, 0L), (response.ProtocolVersion, response.TimeOut, response.SessionId));
        Assert.Equal(new byte[16], response.Passwd);
        Assert.Null(await intruder.NextAsync());
        Assert.Equal(ErrorCode.Ok, (await first.ExistsAsync("/")).Err);
    }

    [Fact]
    public async Task Reconnecting_to_an_expired_session_is_refused()
    {
        var client = await _fixture.ConnectAsync(timeoutMs: 4000);
        var (id, password) = (client.SessionId, client.Connected!.Passwd);
        _fixture.Advance(TimeSpan.FromSeconds(10));
        await _observer.ExistsAsync("/");

        var again = new TestClient(_fixture.Server, new FakeCnxn());
        var response = await again.HandshakeAsync(new ConnectRequest(0, 0, 4000, id, password, false));

        Assert.Equal(0, response!.TimeOut);
        Assert.Equal(0, response.SessionId);
        Assert.Null(await again.NextAsync());
    }

    [Fact]
    public async Task Client_that_has_seen_a_newer_zxid_is_closed_without_an_answer()
    {
        var client = new TestClient(_fixture.Server, new FakeCnxn());

        var response = await client.HandshakeAsync(new ConnectRequest(0, _fixture.Server.LastZxid + 100, 30_000, 0, new byte[16], false));

        Assert.Null(response);
        Assert.True(client.Cnxn.Closed);
    }

    [Fact]
    public async Task Closing_a_session_deletes_its_ephemerals_then_replies_and_closes()
    {
        var client = await _fixture.ConnectAsync();
        await client.CreateAsync("/bye", mode: CreateMode.Ephemeral);

        var reply = await client.CallAsync(OpCode.CloseSession);

        Assert.Equal(ErrorCode.Ok, reply.Err);
        Assert.Equal(_fixture.Server.LastZxid, reply.Header.Zxid);
        Assert.Null(await client.NextAsync());
        Assert.Equal(ErrorCode.NoNode, (await _observer.ExistsAsync("/bye")).Err);
        Assert.Null(_fixture.Server.Sessions.Get(client.SessionId));
    }

    [Fact]
    public async Task Lost_connection_keeps_the_session_until_it_expires()
    {
        var client = await _fixture.ConnectAsync(timeoutMs: 4000);
        await client.CreateAsync("/held", mode: CreateMode.Ephemeral);

        await _fixture.Server.SubmitAsync(new Server.Pipeline.Request { Kind = Server.Pipeline.RequestKind.ConnectionClosed, Cnxn = client.Cnxn });
        Assert.Equal(ErrorCode.Ok, (await _observer.ExistsAsync("/held")).Err);

        _fixture.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(ErrorCode.NoNode, (await _observer.ExistsAsync("/held")).Err);
    }

    [Fact]
    public async Task Garbage_instead_of_a_ConnectRequest_closes_the_connection()
    {
        var cnxn = new FakeCnxn();

        await _fixture.Server.SubmitAsync(Server.Pipeline.RequestDecoder.DecodeConnect(cnxn, [1, 2, 3]));

        Assert.Null(await cnxn.ReadFrameAsync());
        Assert.Equal(1, _fixture.Server.Sessions.Count);
    }
}
