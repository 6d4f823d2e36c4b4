using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Txn;

/// <summary>
/// The body of a multi txn held as typed records, so the live path never re-parses its own operations. It
/// serializes exactly as ZooKeeper's MultiTxn: a vector of (type, serialized txn record).
/// </summary>
/// <param name="Ops">Each operation's txn type and record.</param>
public sealed record MultiOps(IReadOnlyList<TxnOp> Ops) : IJuteRecord
{
    /// <summary>True when Prep failed the multi: its operations hold an error, and nothing of it is applied.</summary>
    public bool Failed => Ops.Any(op => op.Type == (int)Protocol.OpCode.Error);

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteInt(Ops.Count);
        using var scratch = new FrameBuffer(256);
        foreach (var op in Ops)
        {
            scratch.Clear();
            op.Body.Serialize(new JuteWriter(scratch));
            writer.WriteInt(op.Type);
            writer.WriteBuffer(scratch.WrittenSpan);
        }
    }

    /// <summary>
    /// Converts a MultiTxn read from a log into typed operations. Throws <see cref="JuteException"/> when an
    /// operation is malformed or of a type a multi cannot hold.
    /// </summary>
    public static MultiOps FromMultiTxn(MultiTxn multi) =>
        new(multi.Txns.Select(t => new TxnOp(t.Type, TxnCodec.DecodeBody(t.Type, t.Data ?? [], inMulti: true))).ToList());
}

/// <summary>One operation inside a multi txn.</summary>
/// <param name="Type">The op's txn type, an OpCode value: create, create2, createContainer, createTTL, delete,
/// deleteContainer, setData, check or error (-1).</param>
/// <param name="Body">The record for that type (CreateTxn, DeleteTxn, SetDataTxn, CheckVersionTxn, ErrorTxn, ...).</param>
public sealed record TxnOp(int Type, IJuteRecord Body);
