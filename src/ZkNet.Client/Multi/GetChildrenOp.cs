using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Lists a node's children inside a multiRead (no watch is left).</summary>
/// <param name="Path">The node.</param>
public sealed record GetChildrenOp(string Path) : Op(Path)
{
    internal override OpCode OpCode => OpCode.GetChildren;

    internal override bool IsRead => true;

    internal override IJuteRecord ToRequest(string serverPath) =>
        new GetChildrenRequest(serverPath, false);
}
