using ZkNet.Client.Multi;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>
/// A multi or multiRead request (ZooKeeper's MultiOperationRecord): each operation as a MultiHeader (its opcode,
/// done=false, err=-1) followed by its request record, then a closing header (-1, done=true, -1).
/// </summary>
internal sealed class MultiRequest(IReadOnlyList<Op> ops, Chroot chroot) : IJuteRecord
{
    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        foreach (var op in ops)
        {
            new MultiHeader((int)op.OpCode, false, -1).Serialize(writer);
            op.WriteRequest(writer, chroot.ToServer(op.Path));
        }
        new MultiHeader(-1, true, -1).Serialize(writer);
    }

    /// <summary>
    /// Reads a multi reply (ZooKeeper's MultiResponse): a MultiHeader before each result, naming its kind, until a
    /// header with done=true.
    /// </summary>
    public static IReadOnlyList<OpResult> ReadResults(ref JuteReader body, Chroot chroot)
    {
        var results = new List<OpResult>();
        var header = MultiHeader.Deserialize(ref body);
        while (!header.Done)
        {
            results.Add((OpCode)header.Type switch
            {
                OpCode.Create => new CreateOpResult(chroot.ToClient(body.ReadStringOrEmpty()), null),
                OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl =>
                    new CreateOpResult(chroot.ToClient(body.ReadStringOrEmpty()), Stat.Deserialize(ref body)),
                OpCode.Delete => new DeleteOpResult(),
                OpCode.SetData => new SetDataOpResult(Stat.Deserialize(ref body)),
                OpCode.Check => new CheckOpResult(),
                OpCode.GetChildren => new GetChildrenOpResult(body.ReadStringVector() ?? []),
                OpCode.GetData => new GetDataOpResult(body.ReadBuffer() ?? [], Stat.Deserialize(ref body)),
                OpCode.Error => new ErrorOpResult((ErrorCode)body.ReadInt()),
                _ => throw new JuteException($"unknown result type {header.Type} in a multi reply"),
            });
            header = MultiHeader.Deserialize(ref body);
        }
        return results;
    }
}
