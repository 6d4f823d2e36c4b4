using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Hostile;

/// <summary>
/// What a broken or malicious client meets, the same on both servers: watches that reveal nothing the session may
/// not read (CVE-2024-23944), the reactions to malformed auth and SASL packets, null credentials and a multiRead
/// carrying a write, and connections closed when they never complete the handshake.
/// </summary>
public abstract partial class HostileClients(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    private static readonly IReadOnlyList<Acl> AliceOnly = [new Acl(Perms.All, new Id("digest", Digest("alice:s3cret")))];

    private static string Digest(string idPassword) =>
        idPassword[..idPassword.IndexOf(':', StringComparison.Ordinal)] + ":" +
        Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(idPassword)));

    private static async Task<RawZkConnection> AliceAsync(int port)
    {
        var alice = await RawZkConnection.ConnectAsync(port, 10_000);
        var (header, _) = await alice.RequestAsync(OpCode.Auth, new AuthPacket(0, "digest", "alice:s3cret"u8.ToArray()));
        Assert.Equal(0, header.Err);
        return alice;
    }

    private static async Task CreateAsync(RawZkConnection zk, string path, IReadOnlyList<Acl>? acl = null)
    {
        var (header, _) = await zk.RequestAsync(OpCode.Create, new CreateRequest(path, [], acl ?? Acl.OpenAclUnsafe, 0));
        Assert.Equal(0, header.Err);
    }

    private static async Task SetAsync(RawZkConnection zk, string path)
    {
        var (header, _) = await zk.RequestAsync(OpCode.SetData, new SetDataRequest(path, [1], -1));
        Assert.Equal(0, header.Err);
    }

    private static async Task DeleteAsync(RawZkConnection zk, string path)
    {
        var (header, _) = await zk.RequestAsync(OpCode.Delete, new DeleteRequest(path, -1));
        Assert.Equal(0, header.Err);
    }

    /// <summary>A fresh world-readable root with a child only alice may use; alice's connection is returned too.</summary>
    private async Task<(string Root, string Sec, RawZkConnection Alice)> ProtectedTreeAsync()
    {
        var root = UniquePath.For("wl");
        var alice = await AliceAsync(Server.Port);
        await CreateAsync(alice, root);
        await CreateAsync(alice, root + "/sec", AliceOnly);
        return (root, root + "/sec", alice);
    }

    /// <summary>
    /// Creates, changes and deletes a protected child of <paramref name="sec"/> and a world-readable node under
    /// <paramref name="root"/>, changes <paramref name="sec"/> itself, then reads the watcher's events up to the reply to
    /// a request of its own (every event of the changes above leaves before that reply).
    /// </summary>
    private static async Task<List<(EventType, string)>> EventsOfChangesAsync(RawZkConnection alice, RawZkConnection watcher, string root, string sec)
    {
        await CreateAsync(alice, sec + "/child", AliceOnly);
        await SetAsync(alice, sec + "/child");
        await DeleteAsync(alice, sec + "/child");
        await SetAsync(alice, sec);
        await CreateAsync(alice, root + "/open");
        await SetAsync(alice, root + "/open");
        await DeleteAsync(alice, root + "/open");
        watcher.Arrivals.Clear();
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync(root)).Err);
        return watcher.Notifications.Select(e => ((EventType)e.Type, e.Path)).ToList();
    }

    [Fact]
    public async Task A_recursive_watch_reports_no_event_for_nodes_the_session_cannot_read()
    {
        var (root, sec, alice) = await ProtectedTreeAsync();
        await using var _ = alice;
        await using var watcher = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(0, (await watcher.RequestAsync(OpCode.AddWatch, new AddWatchRequest(root, (int)AddWatchMode.PersistentRecursive))).Header.Err);

        var events = await EventsOfChangesAsync(alice, watcher, root, sec);

        Assert.Equal([(EventType.NodeCreated, root + "/open"), (EventType.NodeDataChanged, root + "/open"), (EventType.NodeDeleted, root + "/open")], events);
    }

    [Fact]
    public async Task A_persistent_watch_reports_neither_data_nor_child_changes_of_a_node_the_session_cannot_read()
    {
        var (root, sec, alice) = await ProtectedTreeAsync();
        await using var _ = alice;
        await using var watcher = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(0, (await watcher.RequestAsync(OpCode.AddWatch, new AddWatchRequest(sec, (int)AddWatchMode.Persistent))).Header.Err);
        Assert.Equal(0, (await watcher.RequestAsync(OpCode.AddWatch, new AddWatchRequest(root, (int)AddWatchMode.Persistent))).Header.Err);

        var events = await EventsOfChangesAsync(alice, watcher, root, sec);

        // The readable parent's child list changes are reported; nothing about the protected node.
        Assert.Equal([(EventType.NodeChildrenChanged, root), (EventType.NodeChildrenChanged, root)], events);
    }

    [Fact]
    public async Task A_watch_reports_events_once_the_session_holds_the_credentials()
    {
        var (root, sec, alice) = await ProtectedTreeAsync();
        await using var _ = alice;
        await using var watcher = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(0, (await watcher.RequestAsync(OpCode.AddWatch, new AddWatchRequest(root, (int)AddWatchMode.PersistentRecursive))).Header.Err);
        await CreateAsync(alice, sec + "/before", AliceOnly);
        Assert.Equal(0, (await watcher.RequestAsync(OpCode.Auth, new AuthPacket(0, "digest", "alice:s3cret"u8.ToArray()))).Header.Err);

        await CreateAsync(alice, sec + "/after", AliceOnly);
        watcher.Arrivals.Clear();
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync(root)).Err);

        Assert.Equal([(EventType.NodeCreated, sec + "/after")], watcher.Notifications.Select(e => ((EventType)e.Type, e.Path)));
    }

    [Fact]
    public async Task An_exists_watch_is_used_up_without_an_event_when_the_node_is_created_unreadable()
    {
        var root = UniquePath.For("wl");
        await using var alice = await AliceAsync(Server.Port);
        await CreateAsync(alice, root);
        await using var watcher = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.NoNode, (await watcher.ExistsAsync(root + "/later", watch: true)).Err);

        await CreateAsync(alice, root + "/later", AliceOnly);
        await DeleteAsync(alice, root + "/later");
        await CreateAsync(alice, root + "/later");
        watcher.Arrivals.Clear();
        Assert.Equal(ErrorCode.Ok, (await watcher.ExistsAsync(root)).Err);

        Assert.Empty(watcher.Notifications);
    }

    [Fact]
    public async Task A_malformed_auth_packet_closes_the_connection_without_a_reply()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        // An auth header followed by a type and half a scheme string.
        await raw.SendRawAsync(RawFrames.Frame(new RequestHeader(Xids.Auth, (int)OpCode.Auth), new Int32Record(0), new Int32Record(100)));

        Assert.True(await raw.ClosedByServerAsync(Bound));
        Assert.Empty(raw.Arrivals);
    }

    [Fact]
    public async Task A_malformed_sasl_packet_closes_the_connection_without_a_reply()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        // A SASL header followed by a token length and no token.
        await raw.SendRawAsync(RawFrames.Frame(new RequestHeader(1, (int)OpCode.Sasl), new Int32Record(100)));

        Assert.True(await raw.ClosedByServerAsync(Bound));
        Assert.Empty(raw.Arrivals);
    }

    [Fact]
    public async Task Digest_auth_with_null_credentials_fails_with_AuthFailed_and_closes_the_connection()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);

        var (header, _) = await raw.RequestAsync(OpCode.Auth, new AuthPacket(0, "digest", null));

        Assert.Equal((Xids.Auth, (int)ErrorCode.AuthFailed), (header.Xid, header.Err));
        Assert.True(await raw.ClosedByServerAsync(Bound));
    }

    [Fact]
    public async Task A_multiRead_holding_a_write_fails_with_MarshallingError_does_nothing_and_keeps_the_connection()
    {
        var root = UniquePath.For("mr");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);

        var (header, body) = await raw.RequestAsync(OpCode.MultiRead, new MultiRequest(
        [
            new MultiOp(OpCode.GetData, new GetDataRequest(root, false)),
            new MultiOp(OpCode.Create, new CreateRequest(root + "/w", [], Acl.OpenAclUnsafe, 0)),
        ]));

        Assert.Equal(((int)ErrorCode.MarshallingError, 0), (header.Err, body.Length));
        Assert.Equal(ErrorCode.NoNode, (await raw.ExistsAsync(root + "/w")).Err);
    }

    [Fact]
    public async Task Connections_that_do_not_complete_the_handshake_are_closed_after_the_sessionless_timeout()
    {
        using var silent = new TcpClient();
        using var halfSent = new TcpClient();
        var start = Stopwatch.GetTimestamp();
        await silent.ConnectAsync("127.0.0.1", Server.Port);
        await halfSent.ConnectAsync("127.0.0.1", Server.Port);
        var connect = RawFrames.Frame(new ConnectRequest(0, 0, 10_000, 0, new byte[16], false));
        await halfSent.GetStream().WriteAsync(connect.AsMemory(0, connect.Length / 2));
        // A session opened meanwhile is not affected, however long it stays quiet within its timeout.
        await using var session = await RawZkConnection.ConnectAsync(Server.Port, 10_000);

        var silentClosed = await ClosedWithinAsync(silent, Bound);
        var halfSentClosed = await ClosedWithinAsync(halfSent, Bound);
        var elapsed = Stopwatch.GetElapsedTime(start);

        Note($"closed after {elapsed.TotalMilliseconds:F0} ms (sessionless timeout {HostileClientSettings.SessionlessCnxnTimeoutMs} ms)");
        Assert.True(silentClosed && halfSentClosed);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(HostileClientSettings.SessionlessCnxnTimeoutMs * 0.9), $"closed after {elapsed}");
        // Apache ZooKeeper's expiry queue rounds the deadline up to the next interval: up to twice the timeout.
        Assert.True(elapsed <= TimeSpan.FromMilliseconds(HostileClientSettings.SessionlessCnxnTimeoutMs * 2 + 1500), $"closed after {elapsed}");
        Assert.Equal(ErrorCode.Ok, (await session.ExistsAsync("/")).Err);
    }

    /// <summary>Reads (discarding) until the server closes the connection; false if it stays open for <paramref name="timeout"/>.</summary>
    private static async Task<bool> ClosedWithinAsync(TcpClient client, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (await client.GetStream().ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A bare Jute int, for building truncated records.</summary>
    private sealed record Int32Record(int Value) : ZkNet.Protocol.Jute.IJuteRecord
    {
        public void Serialize(ZkNet.Protocol.Jute.JuteWriter writer) => writer.WriteInt(Value);
    }
}
