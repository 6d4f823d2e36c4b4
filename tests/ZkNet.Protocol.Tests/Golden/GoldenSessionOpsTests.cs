using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>addWatch, auth, whoAmI, getEphemerals, getAllChildrenNumber, sync, removeWatches, ping and close.</summary>
public sealed class GoldenSessionOpsTests
{
    [Fact]
    public void AddWatch_sends_path_and_mode_and_is_answered_with_a_four_byte_zero_body()
    {
        Assert.Equal(new RequestHeader(24, (int)OpCode.AddWatch), GoldenSession.Header<RequestHeader>(51));
        Assert.Equal(new AddWatchRequest("/golden", 1), GoldenSession.Body<AddWatchRequest>(51));
        Assert.Equal(new ReplyHeader(24, 16, 0), GoldenSession.Header<ReplyHeader>(52));
        Assert.Equal(new ErrorResponse(0), GoldenSession.Body<ErrorResponse>(52));
    }

    [Fact]
    public void Digest_auth_is_sent_with_xid_minus_four_and_answered_with_zxid_zero()
    {
        Assert.Equal(new RequestHeader(Xids.Auth, (int)OpCode.Auth), GoldenSession.Header<RequestHeader>(56));
        var auth = GoldenSession.Body<AuthPacket>(56);
        Assert.Equal((0, "digest"), (auth.Type, auth.Scheme));
        Assert.Equal(Utf8("golden:secret"), auth.Auth);
        Assert.Equal(new ReplyHeader(Xids.Auth, 0, 0), GoldenSession.Header<ReplyHeader>(58));
        Assert.Equal(20, GoldenFrames.Get(58).Bytes.Length);
    }

    [Fact]
    public void WhoAmI_is_a_bare_header_and_lists_every_identity_of_the_connection()
    {
        Assert.Equal(12, GoldenFrames.Get(61).Bytes.Length);
        Assert.Equal(new RequestHeader(27, (int)OpCode.WhoAmI), GoldenSession.Header<RequestHeader>(61));
        Assert.Equal([new ClientInfo("digest", "golden"), new ClientInfo("ip", "127.0.0.1")], GoldenSession.Body<WhoAmIResponse>(62).ClientInfo);
    }

    [Fact]
    public void GetEphemerals_and_GetAllChildrenNumber_answer_for_the_prefix()
    {
        Assert.Equal("/golden", GoldenSession.Body<GetEphemeralsRequest>(63).PrefixPath);
        Assert.Equal(["/golden/eph"], GoldenSession.Body<GetEphemeralsResponse>(64).Ephemerals);
        Assert.Equal("/golden", GoldenSession.Body<GetAllChildrenNumberRequest>(65).Path);
        Assert.Equal(6, GoldenSession.Body<GetAllChildrenNumberResponse>(66).TotalNumber);
    }

    [Fact]
    public void Sync_echoes_the_path_and_removeWatches_and_delete_replies_have_no_body()
    {
        Assert.Equal("/golden", GoldenSession.Body<SyncResponse>(68).Path);
        Assert.Equal(new RemoveWatchesRequest("/golden", 3), GoldenSession.Body<RemoveWatchesRequest>(69));
        Assert.Equal(20, GoldenFrames.Get(70).Bytes.Length);
        Assert.Equal(new DeleteRequest("/golden/later", -1), GoldenSession.Body<DeleteRequest>(71));
        Assert.Equal(new ReplyHeader(32, 19, 0), GoldenSession.Header<ReplyHeader>(72));
    }

    [Theory]
    [InlineData(73)]
    [InlineData(75)]
    public void Ping_is_xid_minus_two_opcode_11_and_its_reply_carries_the_last_zxid(int number)
    {
        Assert.Equal(Convert.FromHexString("00000008fffffffe0000000b"), GoldenFrames.Get(number).Bytes);
        Assert.Equal(new ReplyHeader(Xids.Ping, 19, 0), GoldenSession.Header<ReplyHeader>(number + 1));
    }

    [Fact]
    public void CloseSession_is_a_bare_header_answered_with_the_close_txn_zxid()
    {
        Assert.Equal(new RequestHeader(33, (int)OpCode.CloseSession), GoldenSession.Header<RequestHeader>(77));
        Assert.Equal(new ReplyHeader(33, 20, 0), GoldenSession.Header<ReplyHeader>(78));
        Assert.Equal(20, GoldenFrames.Get(78).Bytes.Length);
    }
}
