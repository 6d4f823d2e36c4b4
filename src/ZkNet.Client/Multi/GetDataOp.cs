using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Reads a node's data and Stat inside a multiRead (no watch is left).</summary>
/// <param name="Path">The node.</param>
public sealed record GetDataOp(string Path) : Op(Path)
{
    internal override OpCode OpCode => OpCode.GetData;

    internal override bool IsRead => true;

    internal override IJuteRecord ToRequest(string serverPath) =>
        new GetDataRequest(serverPath, false);
}
