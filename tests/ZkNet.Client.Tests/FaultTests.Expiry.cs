using ZkNet.Client.Exceptions;
using ZkNet.Client.Tests.Infrastructure;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Tests;

public abstract partial class FaultTests
{
    [Fact]
    public async Task Session_expiry_while_disconnected_is_reported_as_Expired_and_its_ephemerals_are_gone()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, ShortSession, events);
        await client.CreateAsync(P("eph"), null, Acl.OpenAclUnsafe, CreateMode.Ephemeral).Bounded();
        var pendingWatch = new TaskWatcher();
        await client.ExistsAsync(P("never"), pendingWatch).Bounded();
        var states = new List<KeeperState>();
        var stream = ReadAllAsync(client.StateChangesAsync(), states);
        var ephemeralGone = new TaskWatcher();
        Assert.NotNull(await Client.ExistsAsync(P("eph"), ephemeralGone).Bounded());

        proxy.Refuse(true);
        proxy.DropAll();
        await events.StateAsync(KeeperState.Disconnected);
        // The server expires the session on its own once the timeout passes without a word from the client.
        Assert.Equal(EventType.NodeDeleted, (await ephemeralGone.Triggered.Bounded()).Type);
        proxy.Refuse(false);

        await events.StateAsync(KeeperState.Expired);
        Assert.Equal(ClientState.Expired, client.State);
        await Assert.ThrowsAsync<SessionExpiredException>(() => client.ExistsAsync(P("eph")).Bounded());
        await Assert.ThrowsAsync<SessionExpiredException>(() => pendingWatch.Triggered.Bounded());
        await stream.Bounded();
        Assert.Equal(KeeperState.Expired, states[^1]);
        Assert.DoesNotContain(KeeperState.SyncConnected, states);
    }

    [Fact]
    public async Task Silent_server_is_detected_by_the_read_timeout_and_the_session_resumes_elsewhere()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, MediumSession, events);
        await events.StateAsync(KeeperState.SyncConnected);
        var sessionId = client.SessionId;

        proxy.FreezeAll();
        var lost = client.ExistsAsync("/");

        await events.StateAsync(KeeperState.Disconnected);
        // Two thirds of the session timeout without a byte from the server. Counted from the last byte the proxy
        // passed on, not from the freeze: however late this test got to the freeze, the client heard nothing after it.
        var silent = proxy.SinceLastToClient;
        Assert.True(silent >= client.SessionTimeout * 0.6, $"gave up after {silent} of silence");
        await Assert.ThrowsAsync<ConnectionLossException>(() => lost.Bounded());
        await events.StateAsync(KeeperState.SyncConnected);
        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").Bounded());
    }

    [Fact]
    public async Task Pings_keep_an_idle_session_alive_past_its_timeout()
    {
        var proxy = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync(proxy.ConnectString, TimeSpan.FromSeconds(3), events);
        await events.StateAsync(KeeperState.SyncConnected);
        var sessionId = client.SessionId;
        var started = DateTime.UtcNow;
        var before = proxy.ClientBytes;

        // A ping is a 12-byte frame (length, xid -2, opcode 11), sent every third of the session timeout when idle:
        // four of them span more than the whole timeout.
        await proxy.WaitForClientBytesAsync(before + 4 * 12);

        Assert.True(DateTime.UtcNow - started > client.SessionTimeout, $"four pings within {DateTime.UtcNow - started}");
        Assert.True(!events.All.Any(e => e.State == KeeperState.Disconnected), string.Join(", ", events.All));
        Assert.Equal(sessionId, client.SessionId);
        Assert.NotNull(await client.ExistsAsync("/").Bounded());
        Assert.Equal(1, proxy.Accepted);
    }

    [Fact]
    public async Task Client_moves_to_another_server_address_with_the_same_session()
    {
        var first = StartProxy();
        var second = StartProxy();
        var events = new EventRecorder();
        var client = await ConnectAsync($"{first.ConnectString},{second.ConnectString}", MediumSession, events);
        await events.StateAsync(KeeperState.SyncConnected);
        var sessionId = client.SessionId;
        var (used, other) = first.Accepted == 1 ? (first, second) : (second, first);

        used.Refuse(true);
        used.DropAll();

        await events.StateAsync(KeeperState.Disconnected);
        await events.StateAsync(KeeperState.SyncConnected);
        Assert.Equal(sessionId, client.SessionId);
        Assert.Equal(1, other.Accepted);
        Assert.NotNull(await client.ExistsAsync("/").Bounded());
    }

    [Fact]
    public async Task Unreachable_servers_in_the_connect_string_are_skipped()
    {
        var dead = FreePortHelper();
        var client = await ConnectAsync($"127.0.0.1:{dead},{Server.ConnectString}", MediumSession,
            configure: o => o with { ShuffleHosts = false });
        Assert.Equal(ClientState.Connected, client.State);
    }

    private static int FreePortHelper() => TestSupport.FreePort.Next();
}
