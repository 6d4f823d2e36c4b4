using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>Field values of setData, getData, exists, getChildren(2), setACL and getACL from the captured session.</summary>
public sealed class GoldenReadWriteTests
{
    // /golden after its first setData: created at zxid 2, modified at 9, five children, last child change at zxid 7.
    private static readonly Stat GoldenAfterV2 = new(2, 9, 0x1a20014d744, 0x1a20014d786, 1, 5, 0, 0, 2, 5, 7);

    [Fact]
    public void SetData_with_any_version_returns_the_new_stat()
    {
        var request = GoldenSession.Body<SetDataRequest>(17);
        Assert.Equal(("/golden", -1), (request.Path, request.Version));
        Assert.Equal(Utf8("v2"), request.Data);
        Assert.Equal(new ReplyHeader(8, 9, 0), GoldenSession.Header<ReplyHeader>(18));
        Assert.Equal(GoldenAfterV2, GoldenSession.Body<SetDataResponse>(18).Stat);
    }

    [Fact]
    public void GetData_with_watch_sets_the_watch_byte_and_returns_data_and_stat()
    {
        Assert.Equal(new RequestHeader(9, (int)OpCode.GetData), GoldenSession.Header<RequestHeader>(19));
        var request = GoldenSession.Body<GetDataRequest>(19);
        Assert.Equal(("/golden", true), (request.Path, request.Watch));
        var reply = GoldenSession.Body<GetDataResponse>(20);
        Assert.Equal(Utf8("v2"), reply.Data);
        Assert.Equal(GoldenAfterV2, reply.Stat);
    }

    [Fact]
    public void Exists_of_a_present_node_returns_its_stat()
    {
        Assert.Equal(("/golden", false), (GoldenSession.Body<ExistsRequest>(21).Path, GoldenSession.Body<ExistsRequest>(21).Watch));
        Assert.Equal(GoldenAfterV2, GoldenSession.Body<ExistsResponse>(22).Stat);
    }

    [Fact]
    public void Exists_of_a_missing_node_is_a_bare_NoNode_header_carrying_the_last_zxid()
    {
        Assert.True(GoldenSession.Body<ExistsRequest>(23).Watch);
        Assert.Equal(new ReplyHeader(11, 9, (int)ErrorCode.NoNode), GoldenSession.Header<ReplyHeader>(24));
        Assert.Equal(20, GoldenFrames.Get(24).Bytes.Length);
    }

    [Fact]
    public void GetChildren_and_GetChildren2_list_the_same_children_and_only_the_latter_adds_the_stat()
    {
        Assert.Equal(new RequestHeader(12, (int)OpCode.GetChildren), GoldenSession.Header<RequestHeader>(25));
        Assert.Equal(new RequestHeader(13, (int)OpCode.GetChildren2), GoldenSession.Header<RequestHeader>(27));
        string[] children = ["container", "acl", "eph", "ttl", "seq-0000000001"];
        Assert.Equal(children, GoldenSession.Body<GetChildrenResponse>(26).Children);
        var reply = GoldenSession.Body<GetChildren2Response>(28);
        Assert.Equal(children, reply.Children);
        Assert.Equal(GoldenAfterV2, reply.Stat);
    }

    [Fact]
    public void SetAcl_sends_the_expected_aversion_and_the_reply_stat_counts_it()
    {
        var request = GoldenSession.Body<SetAclRequest>(29);
        Assert.Equal(("/golden", 0), (request.Path, request.Version));
        Assert.Equal([new Acl(Perms.All, Id.AnyoneIdUnsafe)], request.Acl);
        Assert.Equal(GoldenAfterV2 with { Aversion = 1 }, GoldenSession.Body<SetAclResponse>(30).Stat);
        Assert.Equal(new ReplyHeader(14, 10, 0), GoldenSession.Header<ReplyHeader>(30));
    }

    [Fact]
    public void GetAcl_without_admin_permission_shows_digest_ids_with_the_hash_replaced_by_x()
    {
        // ZooKeeper 3.8 redacts the digest hash when the caller lacks ADMIN on the node: the ACL was created
        // with "golden:xWIAyp+iipmRz+wIMl/M3rwWQD4=" (frame 5) and comes back as "golden:x".
        Assert.Equal("/golden/acl", GoldenSession.Body<GetAclRequest>(31).Path);
        var reply = GoldenSession.Body<GetAclResponse>(32);
        Assert.Equal([new Acl(Perms.Read, Id.AnyoneIdUnsafe), new Acl(Perms.All, new Id("digest", "golden:x"))], reply.Acl);
        Assert.Equal(new Stat(3, 3, 0x1a20014d75f, 0x1a20014d75f, 0, 0, 0, 0, 7, 0, 3), reply.Stat);
    }
}
