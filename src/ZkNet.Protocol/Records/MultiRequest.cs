using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>One operation of a multi or multiRead: its opcode and request record.</summary>
/// <param name="Type">The operation.</param>
/// <param name="Record">CreateRequest, CreateTtlRequest, DeleteRequest, SetDataRequest, CheckVersionRequest,
/// GetChildrenRequest or GetDataRequest.</param>
public sealed record MultiOp(OpCode Type, IJuteRecord Record);

/// <summary>
/// A multi (or multiRead) request: each operation preceded by a MultiHeader(type, done=false, err=-1), and the
/// list closed by MultiHeader(-1, done=true, -1).
/// </summary>
/// <param name="Ops">The operations in order.</param>
public sealed record MultiRequest(IReadOnlyList<MultiOp> Ops) : IJuteRecord<MultiRequest>
{
    /// <inheritdoc />
    public static MultiRequest Deserialize(ref JuteReader reader)
    {
        var ops = new List<MultiOp>();
        while (true)
        {
            var header = MultiHeader.Deserialize(ref reader);
            if (header.Done)
            {
                return new MultiRequest(ops);
            }
            var type = (OpCode)header.Type;
            IJuteRecord record = type switch
            {
                OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Deserialize(ref reader),
                OpCode.CreateTtl => CreateTtlRequest.Deserialize(ref reader),
                OpCode.Delete or OpCode.DeleteContainer => DeleteRequest.Deserialize(ref reader),
                OpCode.SetData => SetDataRequest.Deserialize(ref reader),
                OpCode.Check => CheckVersionRequest.Deserialize(ref reader),
                OpCode.GetChildren => GetChildrenRequest.Deserialize(ref reader),
                OpCode.GetData => GetDataRequest.Deserialize(ref reader),
                _ => throw new JuteException($"invalid operation type {header.Type} in multi"),
            };
            ops.Add(new MultiOp(type, record));
        }
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        foreach (var op in Ops)
        {
            new MultiHeader((int)op.Type, false, -1).Serialize(writer);
            op.Record.Serialize(writer);
        }
        new MultiHeader(-1, true, -1).Serialize(writer);
    }
}
