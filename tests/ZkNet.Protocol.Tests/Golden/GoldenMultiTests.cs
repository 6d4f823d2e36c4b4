using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;
using static ZkNet.Protocol.Tests.Support.Text;

namespace ZkNet.Protocol.Tests.Golden;

/// <summary>multi and multiRead as the Java client frames them and ZooKeeper 3.8 answers them.</summary>
public sealed class GoldenMultiTests
{
    private static readonly MultiHeader End = new(-1, true, -1);

    private static List<IJuteRecord> Records(int number) => GoldenSession.Decode(GoldenFrames.Get(number));

    [Fact]
    public void Multi_request_is_header_and_record_pairs_closed_by_a_done_header_with_minus_one()
    {
        var records = Records(45);
        Assert.Equal(new RequestHeader(21, (int)OpCode.Multi), records[0]);
        // Each operation header carries done=false and err=-1.
        Assert.Equal(new MultiHeader((int)OpCode.Create, false, -1), records[1]);
        Assert.Equal("/golden/m1", Assert.IsType<CreateRequest>(records[2]).Path);
        Assert.Equal(new MultiHeader((int)OpCode.SetData, false, -1), records[3]);
        Assert.Equal(0, Assert.IsType<SetDataRequest>(records[4]).Version);
        Assert.Equal(new MultiHeader((int)OpCode.Check, false, -1), records[5]);
        var check = Assert.IsType<CheckVersionRequest>(records[6]);
        Assert.Equal(("/golden", 2), (check.Path, check.Version));
        Assert.Equal(new MultiHeader((int)OpCode.Delete, false, -1), records[7]);
        Assert.Equal(("/golden/m1", 1), (Assert.IsType<DeleteRequest>(records[8]).Path, Assert.IsType<DeleteRequest>(records[8]).Version));
        Assert.Equal(End, records[9]);
        Assert.Equal(10, records.Count);
    }

    [Fact]
    public void Successful_multi_reply_has_one_result_per_operation_and_bodies_only_where_the_operation_has_one()
    {
        var records = Records(46);
        Assert.Equal(new ReplyHeader(21, 15, 0), records[0]);
        Assert.Equal(new MultiHeader((int)OpCode.Create, false, 0), records[1]);
        Assert.Equal("/golden/m1", Assert.IsType<CreateResponse>(records[2]).Path);
        Assert.Equal(new MultiHeader((int)OpCode.SetData, false, 0), records[3]);
        Assert.Equal(new Stat(15, 15, 0x1a20014d7f4, 0x1a20014d7f4, 1, 0, 0, 0, 2, 0, 15), Assert.IsType<SetDataResponse>(records[4]).Stat);
        Assert.Equal(new MultiHeader((int)OpCode.Check, false, 0), records[5]);
        Assert.Equal(new MultiHeader((int)OpCode.Delete, false, 0), records[6]);
        Assert.Equal(End, records[7]);
        Assert.Equal(8, records.Count);
    }

    [Fact]
    public void Failed_multi_reply_has_header_err_zero_and_an_error_result_for_every_operation()
    {
        Assert.Equal(new RequestHeader(22, (int)OpCode.Multi), GoldenSession.Header<RequestHeader>(47));
        var records = Records(48);
        // The reply header says OK; the failure is in the results: the op that failed carries its code, the ops
        // before it carry 0 (ops after it would carry RuntimeInconsistency).
        Assert.Equal(new ReplyHeader(22, 16, 0), records[0]);
        Assert.Equal(new MultiHeader(-1, false, 0), records[1]);
        Assert.Equal(new ErrorResponse(0), records[2]);
        Assert.Equal(new MultiHeader(-1, false, (int)ErrorCode.NoNode), records[3]);
        Assert.Equal(new ErrorResponse((int)ErrorCode.NoNode), records[4]);
        Assert.Equal(End, records[5]);
        Assert.Equal(6, records.Count);
    }

    [Fact]
    public void MultiRead_uses_opcode_22_and_answers_a_missing_node_with_an_error_result_not_an_error_reply()
    {
        var request = Records(49);
        Assert.Equal(new RequestHeader(23, (int)OpCode.MultiRead), request[0]);
        Assert.Equal(new MultiHeader((int)OpCode.GetChildren, false, -1), request[1]);
        Assert.Equal(new GetChildrenRequest("/golden", false), request[2]);
        Assert.Equal(new MultiHeader((int)OpCode.GetData, false, -1), request[3]);
        Assert.Equal(new GetDataRequest("/golden", false), request[4]);
        Assert.Equal(new GetDataRequest("/golden/nothing", false), request[6]);
        Assert.Equal(End, request[7]);

        var reply = Records(50);
        Assert.Equal(new ReplyHeader(23, 16, 0), reply[0]);
        Assert.Equal(new MultiHeader((int)OpCode.GetChildren, false, 0), reply[1]);
        Assert.Equal(["container", "later", "acl", "eph", "ttl", "seq-0000000001"], Assert.IsType<GetChildrenResponse>(reply[2]).Children);
        Assert.Equal(new MultiHeader((int)OpCode.GetData, false, 0), reply[3]);
        var data = Assert.IsType<GetDataResponse>(reply[4]);
        Assert.Equal(Utf8("v3"), data.Data);
        // cversion 8 and pzxid 15: the successful multi's create and delete of m1 count; the failed multi (zxid 16) does not.
        Assert.Equal(new Stat(2, 11, 0x1a20014d744, 0x1a20014d7ac, 2, 8, 1, 0, 2, 6, 15), data.Stat);
        Assert.Equal(new MultiHeader(-1, false, (int)ErrorCode.NoNode), reply[5]);
        Assert.Equal(new ErrorResponse((int)ErrorCode.NoNode), reply[6]);
        Assert.Equal(End, reply[7]);
    }
}
