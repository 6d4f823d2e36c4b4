using System.Diagnostics;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Sessions;

/// <summary>
/// Session handshake, expiry, resumption and close, seen from the wire (a raw connection that can drop its socket
/// without closing the session) and from real clients (kazoo, the Java client).
/// </summary>
public abstract class SessionLifecycle(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(100, 2 * InteropConfig.TickTimeMs)]
    [InlineData(4000, 4000)]
    [InlineData(100_000, 20 * InteropConfig.TickTimeMs)]
    public async Task Negotiated_session_timeout_is_clamped_between_two_and_twenty_ticks(int requested, int negotiated)
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, requested);
        Assert.Equal(negotiated, raw.Session.TimeOut);
        Assert.NotEqual(0, raw.Session.SessionId);
        Assert.Equal(16, raw.Session.Passwd?.Length);
        Assert.False(raw.Session.ReadOnly);
    }

    [Fact]
    public async Task Ephemeral_node_is_deleted_when_its_session_expires_after_the_socket_drops()
    {
        // 2 s rather than the 1 s minimum: the machine may be loaded, and the pings below must keep it alive.
        var root = UniquePath.For("expiry");
        var raw = await RawZkConnection.ConnectAsync(Server.Port, 2000);
        Assert.Equal(2000, raw.Session.TimeOut);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root + "/eph", CreateMode.Ephemeral)).Err);
        Assert.Equal(ErrorCode.NoNode, (await raw.ExistsAsync(root + "/ready", watch: true)).Err);

        // kazoo watches the ephemeral, then creates /ready; the raw session pings until it sees that, then drops.
        using var keepAlive = new CancellationTokenSource();
        var pings = raw.KeepAliveAsync(TimeSpan.FromMilliseconds(250), keepAlive.Token);
        var kazoo = KazooAsync("kazoo_sessions.py", "wait-deleted", root + "/eph", "20", root + "/ready");
        var ready = await raw.NextNotificationAsync(Bound);
        await keepAlive.CancelAsync();
        await pings;
        Assert.Equal(((int)EventType.NodeCreated, root + "/ready"), (ready.Type, ready.Path));
        raw.Abort();
        var sinceLastPing = Stopwatch.StartNew();
        var alreadySilent = raw.SinceLastSend;

        var r = await kazoo;
        var silent = alreadySilent + sinceLastPing.Elapsed;
        Assert.True(r.Bool("existedAtStart"));
        Assert.Equal(raw.Session.SessionId, r.Long("ephemeralOwner"));
        Assert.Equal([$"DELETED {root}/eph"], r.Strings("events"));
        Assert.False(r.Bool("existsAfter"));
        // Not before the session timeout has passed since the server last heard from it (the last ping); kazoo's
        // own wait bounds it from above.
        Assert.True(silent >= TimeSpan.FromMilliseconds(1950), $"deleted {silent} after the last ping");
    }

    [Fact]
    public async Task Resuming_a_session_with_its_id_and_password_keeps_its_ephemerals()
    {
        // The longest timeout allowed: a JVM has to start before the session may expire. The scenarios are compiled
        // first, so that a first javac of the run (seconds on a loaded machine) is not spent on that clock.
        await JavaScenarios.EnsureCompiledAsync();
        var root = UniquePath.For("resume");
        var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root + "/eph", CreateMode.Ephemeral)).Err);
        raw.Abort();

        var id = raw.Session.SessionId.ToString("x");
        var r = await JavaAsync("resume", id, Convert.ToHexString(raw.Session.Passwd!), root + "/eph");
        Assert.Equal("State SyncConnected", r.Text("firstState"));
        Assert.Equal(id, r.Text("sessionId"));
        Assert.Equal(10_000, r.Long("timeout"));
        Assert.Equal(id, r.Text("ephemeralOwner"));

        // The Java client closed the resumed session: its ephemeral is gone at once.
        await using var check = await RawZkConnection.ConnectAsync(Server.Port, 4000);
        Assert.Equal(ErrorCode.NoNode, (await check.ExistsAsync(root + "/eph")).Err);
    }

    [Fact]
    public async Task Resuming_with_a_wrong_password_is_answered_as_an_expired_session()
    {
        var raw = await RawZkConnection.ConnectAsync(Server.Port, 4000);
        raw.Abort();
        var wrong = new byte[16];
        await using var again = await RawZkConnection.ConnectAsync(Server.Port, 4000, raw.Session.SessionId, wrong);
        // The refusal is a ConnectResponse with timeout 0, session id 0 and a zeroed 16-byte password.
        Assert.Equal((0, 0L), (again.Session.TimeOut, again.Session.SessionId));
        Assert.Equal(new byte[16], again.Session.Passwd);
        Assert.True(await again.ClosedByServerAsync(Bound));

        var r = await JavaAsync("resume", raw.Session.SessionId.ToString("x"),
            Convert.ToHexString(wrong), "/");
        Assert.Equal("State Expired", r.Text("firstState"));
    }

    [Fact]
    public async Task Resuming_an_expired_session_is_answered_with_a_zero_timeout()
    {
        var root = UniquePath.For("expired");
        var raw = await RawZkConnection.ConnectAsync(Server.Port, 2000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root, CreateMode.Ephemeral)).Err);
        // The ephemeral must outlive the watch being set; the ping replies just wait unread in the socket.
        using var keepAlive = new CancellationTokenSource();
        var pings = raw.KeepAliveAsync(TimeSpan.FromMilliseconds(250), keepAlive.Token);
        await using var watcher = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync(root, watch: true)).Err);
        await keepAlive.CancelAsync();
        await pings;
        raw.Abort();
        var deleted = await watcher.NextNotificationAsync(Bound);
        Assert.Equal(((int)EventType.NodeDeleted, root), (deleted.Type, deleted.Path));

        await using var again = await RawZkConnection.ConnectAsync(Server.Port, 2000, raw.Session.SessionId, raw.Session.Passwd);
        Assert.Equal((0, 0L), (again.Session.TimeOut, again.Session.SessionId));
        Assert.True(await again.ClosedByServerAsync(Bound));
    }

    [Fact]
    public async Task Pings_keep_an_idle_session_alive_past_its_timeout()
    {
        // Idle for 1.5 session timeouts. A reconnect within the session (SUSPENDED then CONNECTED) can happen on a
        // loaded machine and is allowed; losing the session is not.
        var r = await KazooAsync("kazoo_sessions.py", "ping", UniquePath.For("ping"), "2000", "3");
        Assert.Equal(2000, r.Long("negotiatedTimeoutMs"));
        Assert.DoesNotContain("LOST", r.Strings("stateChanges"));
        Assert.True(r.Bool("sameSession"));
        Assert.True(r.Bool("ephemeralOwnerIsSession"));
        Assert.True(r.Bool("stillConnected"));
    }

    [Fact]
    public async Task Closing_a_session_deletes_its_ephemerals_at_once()
    {
        var root = UniquePath.For("close");
        var r = await KazooAsync("kazoo_sessions.py", "close-removes-ephemerals", root);
        // Which ephemeral goes first is not specified, so which event comes first is not either.
        Assert.Equal([$"CHILD {root}", $"DELETED {root}/e1"], r.Strings("events").Order(StringComparer.Ordinal));
        Assert.Equal(["persistent"], r.Strings("childrenAfter"));
    }
}
