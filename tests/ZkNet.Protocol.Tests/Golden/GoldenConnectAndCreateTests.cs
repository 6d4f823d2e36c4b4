using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>Field values of the handshake and the create family, as the Java client and ZooKeeper 3.8 sent them.</summary>
public sealed class GoldenConnectAndCreateTests
{
    private const long SessionId = 0x01000006d3d60000;

    [Fact]
    public void Java_client_handshake_asks_for_a_new_session_and_sends_the_readOnly_byte()
    {
        var request = JuteCodec.Decode<ConnectRequest>(GoldenFrames.Get(1).Body);
        Assert.Equal((0, 0L, 6000, 0L, false), (request.ProtocolVersion, request.LastZxidSeen, request.TimeOut, request.SessionId, request.ReadOnly));
        Assert.Equal(new byte[16], request.Passwd);
        Assert.True(request.HasReadOnlyFlag);
    }

    [Fact]
    public void Server_handshake_grants_the_session_with_a_16_byte_password()
    {
        var response = JuteCodec.Decode<ConnectResponse>(GoldenFrames.Get(2).Body);
        Assert.Equal((0, 6000, SessionId, false), (response.ProtocolVersion, response.TimeOut, response.SessionId, response.ReadOnly));
        Assert.Equal(Convert.FromHexString("a8a696e815175581c67d54a9e6b9233e"), response.Passwd);
        Assert.True(response.HasReadOnlyFlag);
    }

    [Fact]
    public void Create_with_open_acl_carries_path_data_acl_and_flags()
    {
        Assert.Equal(new RequestHeader(1, (int)OpCode.Create), GoldenSession.Header<RequestHeader>(3));
        var request = GoldenSession.Body<CreateRequest>(3);
        Assert.Equal("/golden", request.Path);
        Assert.Equal(Utf8("root"), request.Data);
        Assert.Equal([new Acl(Perms.All, new Id("world", "anyone"))], request.Acl);
        Assert.Equal((int)CreateMode.Persistent, request.Flags);
        Assert.Equal(new ReplyHeader(1, 2, 0), GoldenSession.Header<ReplyHeader>(4));
        Assert.Equal("/golden", GoldenSession.Body<CreateResponse>(4).Path);
    }

    [Fact]
    public void Create_with_a_two_entry_acl_keeps_entry_order_and_the_digest_id()
    {
        var request = GoldenSession.Body<CreateRequest>(5);
        Assert.Equal("/golden/acl", request.Path);
        Assert.Equal(
            [new Acl(Perms.Read, new Id("world", "anyone")), new Acl(Perms.All, new Id("digest", "golden:xWIAyp+iipmRz+wIMl/M3rwWQD4="))],
            request.Acl);
        Assert.Equal(new ReplyHeader(2, 3, 0), GoldenSession.Header<ReplyHeader>(6));
    }

    [Fact]
    public void Create2_sequential_reply_carries_the_suffixed_path_and_the_new_stat()
    {
        Assert.Equal(new RequestHeader(3, (int)OpCode.Create2), GoldenSession.Header<RequestHeader>(7));
        Assert.Equal((int)CreateMode.PersistentSequential, GoldenSession.Body<CreateRequest>(7).Flags);
        var reply = GoldenSession.Body<Create2Response>(8);
        Assert.Equal("/golden/seq-0000000001", reply.Path);
        Assert.Equal(new Stat(4, 4, 0x1a20014d766, 0x1a20014d766, 0, 0, 0, 0, 1, 0, 4), reply.Stat);
    }

    [Fact]
    public void Create2_ephemeral_reply_names_the_owning_session()
    {
        Assert.Equal((int)CreateMode.Ephemeral, GoldenSession.Body<CreateRequest>(9).Flags);
        var reply = GoldenSession.Body<Create2Response>(10);
        Assert.Equal("/golden/eph", reply.Path);
        Assert.Equal(new Stat(5, 5, 0x1a20014d76e, 0x1a20014d76e, 0, 0, 0, SessionId, 1, 0, 5), reply.Stat);
    }

    [Fact]
    public void CreateContainer_uses_its_own_opcode_and_the_container_flag_and_reports_owner_zero()
    {
        Assert.Equal(new RequestHeader(5, (int)OpCode.CreateContainer), GoldenSession.Header<RequestHeader>(11));
        var request = GoldenSession.Body<CreateRequest>(11);
        Assert.Equal(("/golden/container", (int)CreateMode.Container), (request.Path, request.Flags));
        Assert.Equal(0, request.Data?.Length);
        Assert.Equal(0, GoldenSession.Body<Create2Response>(12).Stat.EphemeralOwner);
    }

    [Fact]
    public void CreateTtl_appends_the_ttl_and_the_reply_stat_hides_the_ttl_marker()
    {
        Assert.Equal(new RequestHeader(6, (int)OpCode.CreateTtl), GoldenSession.Header<RequestHeader>(13));
        var request = GoldenSession.Body<CreateTtlRequest>(13);
        Assert.Equal(("/golden/ttl", (int)CreateMode.PersistentWithTtl, 60_000L), (request.Path, request.Flags, request.Ttl));
        var reply = GoldenSession.Body<Create2Response>(14);
        Assert.Equal(new Stat(7, 7, 0x1a20014d777, 0x1a20014d777, 0, 0, 0, 0, 1, 0, 7), reply.Stat);
    }

    [Fact]
    public void Create_of_an_existing_node_is_answered_by_a_bare_NodeExists_header_that_still_uses_a_zxid()
    {
        Assert.Equal(20, GoldenFrames.Get(16).Bytes.Length);
        Assert.Equal(new ReplyHeader(7, 8, (int)ErrorCode.NodeExists), GoldenSession.Header<ReplyHeader>(16));
    }
}
