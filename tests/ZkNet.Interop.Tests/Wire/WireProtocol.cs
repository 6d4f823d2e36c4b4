using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.Protocol.Records;
using ZkNet.Protocol;

namespace ZkNet.Interop.Tests.Wire;

/// <summary>
/// Frame-level behaviour that real clients rely on but hide: the order of notifications and replies, the
/// reply header's xid and zxid, frame size limits, special xids, and watch restoration after a reconnect.
/// </summary>
public abstract partial class WireProtocol(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    // Observed on Apache ZooKeeper 3.8 with no SASL login configured.
    private static readonly (int, int) SaslAnswer = (0, 0);

    [Fact]
    public async Task Watch_notification_frame_precedes_the_reply_to_the_change()
    {
        var root = UniquePath.For("wire-order");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        Assert.Equal(ErrorCode.Ok, (await raw.GetDataAsync(root, watch: true)).Err);
        raw.Arrivals.Clear();
        var (header, _) = await raw.RequestAsync(OpCode.SetData, new SetDataRequest(root, [1], -1));
        Assert.Equal(0, header.Err);

        Assert.Equal(2, raw.Arrivals.Count);
        var (xid, notificationHeader, frame) = raw.Arrivals[0];
        Assert.Equal(Xids.Notification, xid);
        // Notifications carry zxid -1 and err 0 in their header.
        Assert.Equal((-1L, 0), (notificationHeader.Zxid, notificationHeader.Err));
        var e = RawFrames.ReadReply<WatcherEvent>(frame).Record;
        Assert.Equal(((int)EventType.NodeDataChanged, (int)KeeperState.SyncConnected, root), (e.Type, e.State, e.Path));
        Assert.Equal(header.Xid, raw.Arrivals[1].Xid);
    }

    [Fact]
    public async Task Write_replies_carry_the_new_zxid_and_failed_writes_consume_one_too()
    {
        var root = UniquePath.For("wire-zxid");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (created, _) = await raw.RequestAsync(OpCode.Create, new CreateRequest(root, [], Acl.OpenAclUnsafe, 0));
        var (exists, stat) = await raw.ExistsAsync(root);
        Assert.Equal(ErrorCode.Ok, exists);
        Assert.Equal(stat!.Value.Czxid, created.Zxid);

        // A read answers with the last zxid the server has applied.
        var (read, _) = await raw.RequestAsync(OpCode.Exists, new ExistsRequest(root, false));
        Assert.True(read.Zxid >= created.Zxid);

        // Apache ZooKeeper logs a refused write as an error txn, with a zxid of its own.
        var (failed, _) = await raw.RequestAsync(OpCode.Create, new CreateRequest(root, [], Acl.OpenAclUnsafe, 0));
        Assert.Equal((int)ErrorCode.NodeExists, failed.Err);
        Assert.True(failed.Zxid > created.Zxid);
        var (after, _) = await raw.RequestAsync(OpCode.Create, new CreateRequest(root + "/c", [], Acl.OpenAclUnsafe, 0));
        Assert.True(after.Zxid > failed.Zxid);
    }

    [Fact]
    public async Task Error_replies_carry_only_the_header_and_pings_are_answered_with_their_xid()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await raw.SendAsync(OpCode.GetData, new GetDataRequest(UniquePath.For("missing"), false));
        var (header, frame) = (await raw.ReadNextAsync())!.Value;
        Assert.Equal((int)ErrorCode.NoNode, header.Err);
        Assert.Equal(16, frame.Length);

        await raw.SendAsync(OpCode.Ping);
        var (ping, pingFrame) = (await raw.ReadNextAsync())!.Value;
        Assert.Equal((Xids.Ping, 0, 16), (ping.Xid, ping.Err, pingFrame.Length));
    }

    [Fact]
    public async Task A_request_frame_of_jute_maxbuffer_bytes_is_accepted_and_one_byte_more_closes_the_connection()
    {
        var root = UniquePath.For("wire-max");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await raw.CreateAsync(root)).Err);
        var exact = SetDataFrame(root, InteropConfig.JuteMaxBuffer);
        Assert.Equal(InteropConfig.JuteMaxBuffer, exact.Length - 4);
        await raw.SendRawAsync(exact);
        var (header, _) = (await raw.ReadNextAsync())!.Value;
        Assert.Equal(0, header.Err);

        // The reply to getData is larger than jute.maxbuffer: the server sends it whole all the same.
        var (err, data) = await raw.GetDataAsync(root);
        Assert.Equal(ErrorCode.Ok, err);
        var stored = data!.Data!.Length;
        Assert.Equal(exact.Length - 4 - (4 + 4 + 4 + root.Length + 4 + 4), stored);

        await using var second = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        await second.SendRawAsync(SetDataFrame(root, InteropConfig.JuteMaxBuffer + 1));
        Assert.True(await second.ClosedByServerAsync(Bound));
        Assert.DoesNotContain(second.Arrivals, a => a.Xid > 0);
        Assert.Equal(stored, (await raw.GetDataAsync(root)).Reply!.Data!.Length);
    }

    [Fact]
    public async Task Unknown_opcodes_are_answered_with_Unimplemented_and_then_the_connection_is_closed()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (header, body) = await raw.RequestAsync((OpCode)999);
        Assert.Equal((int)ErrorCode.Unimplemented, header.Err);
        Assert.Empty(body);
        Assert.True(await raw.ClosedByServerAsync(Bound));
    }

    [Fact]
    public async Task Auth_with_an_unknown_scheme_fails_with_AuthFailed_and_closes_the_connection()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (header, _) = await raw.RequestAsync(OpCode.Auth, new AuthPacket(0, "nosuchscheme", [1, 2, 3]));
        Assert.Equal((Xids.Auth, (int)ErrorCode.AuthFailed), (header.Xid, header.Err));
        Assert.True(await raw.ClosedByServerAsync(Bound));
    }

    [Fact]
    public async Task A_node_created_without_data_answers_getData_with_a_null_buffer_until_data_is_set()
    {
        var path = UniquePath.For("wire-nodata");
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (err, _) = await raw.CallAsync<CreateResponse>(OpCode.Create, new CreateRequest(path, null, Acl.OpenAclUnsafe, 0));
        Assert.Equal(0, err);
        var (_, empty) = await raw.GetDataAsync(path);
        Assert.Null(empty!.Data);
        Assert.Equal(0, empty.Stat.DataLength);
        await raw.CallAsync<SetDataResponse>(OpCode.SetData, new SetDataRequest(path, [7], -1));
        var (_, set) = await raw.GetDataAsync(path);
        Assert.Equal([7], set!.Data);
    }

    [Fact]
    public async Task Reconfig_on_a_standalone_server_is_refused_with_ReconfigDisabled_and_the_session_goes_on()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (header, body) = await raw.RequestAsync(OpCode.Reconfig, new ReconfigRequest(null, null, "server.1=127.0.0.1:2888:3888;2181", -1));
        Assert.Equal((int)ErrorCode.ReconfigDisabled, header.Err);
        Assert.Empty(body);
        var (ping, _) = await raw.RequestAsync(OpCode.Exists, new ExistsRequest("/", false));
        Assert.Equal(0, ping.Err);
    }

    [Fact]
    public async Task Sasl_without_a_sasl_login_is_answered_without_ending_the_session()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (header, _) = await raw.RequestAsync(OpCode.Sasl, new GetSaslRequest([1, 2, 3]));
        var after = await raw.RequestAsync(OpCode.Exists, new ExistsRequest("/", false));
        Assert.Equal(SaslAnswer, (header.Err, after.Header.Err));
    }

    [Fact]
    public async Task CloseSession_is_acknowledged_and_then_the_server_closes_the_connection()
    {
        await using var raw = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        var (header, _) = await raw.RequestAsync(OpCode.CloseSession);
        Assert.Equal(0, header.Err);
        Assert.True(await raw.ClosedByServerAsync(Bound));
    }

    [Fact]
    public async Task SetWatches_after_a_reconnect_fires_the_changes_missed_since_the_given_zxid_before_its_reply()
    {
        var root = UniquePath.For("wire-setwatches");
        var first = await RawZkConnection.ConnectAsync(Server.Port, 10_000);
        Assert.Equal(ErrorCode.Ok, (await first.CreateAsync(root, data: [1])).Err);
        Assert.Equal(ErrorCode.Ok, (await first.CreateAsync(root + "/kid")).Err);
        var (seen, _) = await first.RequestAsync(OpCode.Exists, new ExistsRequest(root, false));
        await first.DisposeAsync();

        await using (var other = await RawZkConnection.ConnectAsync(Server.Port, 10_000))
        {
            await other.RequestAsync(OpCode.SetData, new SetDataRequest(root, [2], -1));
            Assert.Equal(ErrorCode.Ok, (await other.CreateAsync(root + "-later")).Err);
            Assert.Equal(ErrorCode.Ok, (await other.CreateAsync(root + "/kid2")).Err);
        }

        await using var resumed = await RawZkConnection.ConnectAsync(Server.Port, 10_000, first.Session.SessionId,
            first.Session.Passwd, seen.Zxid);
        Assert.Equal(first.Session.SessionId, resumed.Session.SessionId);
        var (reply, _) = await resumed.RequestAsync(OpCode.SetWatches,
            new SetWatches(seen.Zxid, [root], [root + "-later", root + "-never"], [root]));
        Assert.Equal((Xids.SetWatches, 0), (reply.Xid, reply.Err));
        var events = resumed.Notifications.Select(e => ((EventType)e.Type, e.Path)).ToList();
        Assert.Equal(
            [(EventType.NodeDataChanged, root), (EventType.NodeChildrenChanged, root), (EventType.NodeCreated, root + "-later")],
            events.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Item1));
        Assert.Equal(Xids.SetWatches, resumed.Arrivals[^1].Xid);
    }

    private static byte[] SetDataFrame(string path, int frameLength)
    {
        // xid, type, path (length + bytes), data (length + bytes), version.
        var dataLength = frameLength - (4 + 4 + 4 + path.Length + 4 + 4);
        return RawFrames.Frame(new RequestHeader(1000, (int)OpCode.SetData), new SetDataRequest(path, new byte[dataLength], -1));
    }
}
