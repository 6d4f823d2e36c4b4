using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Txn;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Tests.DataTree;

/// <summary>How a multi txn applies, and the per-operation results ZooKeeper reports for it.</summary>
public sealed class MultiTxnTests
{
    private readonly Tree _tree = new();

    [Fact]
    public void Successful_multi_applies_every_operation_at_one_zxid()
    {
        var multi = new MultiOps([
            new TxnOp((int)OpCode.Create, Txns.Create("/m", "x")),
            new TxnOp((int)OpCode.SetData, new SetDataTxn("/m", [9], 1)),
            new TxnOp((int)OpCode.Create, Txns.Create("/m/c")),
            new TxnOp((int)OpCode.Check, new CheckVersionTxn("/m", 1)),
        ]);

        var result = _tree.Apply(5, multi);

        Assert.Equal(0, result.Err);
        Assert.Equal([0, 0, 0, 0], result.MultiResult!.Select(r => r.Err));
        Assert.Equal([(int)OpCode.Create, (int)OpCode.SetData, (int)OpCode.Create, (int)OpCode.Check], result.MultiResult!.Select(r => r.Type));
        Assert.Equal("/m/c", result.MultiResult![2].Path);
        var stat = _tree.StatAt("/m");
        Assert.Equal(5, stat.Czxid);
        Assert.Equal(5, stat.Mzxid);
        Assert.Equal(5, stat.Pzxid);
        Assert.Equal(1, stat.Version);
        Assert.Equal(5, _tree.LastProcessedZxid);
    }

    [Fact]
    public void Failed_multi_applies_nothing_and_reports_zero_then_the_error_then_RuntimeInconsistency()
    {
        // What Apache ZooKeeper answers for [create /m1, create /m1, setData /nope]: 0, NodeExists, RuntimeInconsistency.
        var multi = new MultiOps([
            new TxnOp((int)OpCode.Create, Txns.Create("/m1")),
            new TxnOp((int)OpCode.Error, new ErrorTxn((int)ErrorCode.NodeExists)),
            new TxnOp((int)OpCode.Error, new ErrorTxn((int)ErrorCode.RuntimeInconsistency)),
        ]);

        var result = _tree.Apply(5, multi);

        Assert.Equal([0, (int)ErrorCode.NodeExists, (int)ErrorCode.RuntimeInconsistency], result.MultiResult!.Select(r => r.Err));
        Assert.All(result.MultiResult!, r => Assert.Equal((int)OpCode.Error, r.Type));
        Assert.Null(_tree.GetNode("/m1"));
        Assert.Equal(4, _tree.NodeCount);
        Assert.Equal(5, _tree.LastProcessedZxid);
    }

    [Fact]
    public void Operation_after_the_failure_is_RuntimeInconsistency_even_if_logged_as_a_real_op()
    {
        var multi = new MultiOps([
            new TxnOp((int)OpCode.Error, new ErrorTxn((int)ErrorCode.NoNode)),
            new TxnOp((int)OpCode.Create, Txns.Create("/after")),
        ]);

        var result = _tree.Apply(5, multi);

        Assert.Equal([(int)ErrorCode.NoNode, (int)ErrorCode.RuntimeInconsistency], result.MultiResult!.Select(r => r.Err));
        Assert.Null(_tree.GetNode("/after"));
    }

    [Fact]
    public void Multi_round_trips_through_its_logged_form()
    {
        var multi = new MultiOps([
            new TxnOp((int)OpCode.Create, Txns.Create("/r", "d")),
            new TxnOp((int)OpCode.Delete, new DeleteTxn("/r")),
            new TxnOp((int)OpCode.Error, new ErrorTxn(-2)),
        ]);
        using var buffer = new FrameBuffer();
        multi.Serialize(new JuteWriter(buffer));

        var decoded = MultiOps.FromMultiTxn(Assert.IsType<MultiTxn>(TxnCodec.DecodeBody((int)OpCode.Multi, buffer.WrittenSpan, inMulti: false)));

        Assert.Equal(multi.Ops.Select(o => o.Type), decoded.Ops.Select(o => o.Type));
        Assert.Equal("/r", ((CreateTxn)decoded.Ops[0].Body).Path);
        Assert.Equal(new DeleteTxn("/r"), decoded.Ops[1].Body);
        Assert.Equal(new ErrorTxn(-2), decoded.Ops[2].Body);
    }
}
