using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Deletes a node inside a multi if its version matches (-1 matches any).</summary>
/// <param name="Path">The node.</param>
/// <param name="Version">The expected data version, or -1.</param>
public sealed record DeleteOp(string Path, int Version) : Op(Path)
{
    internal override OpCode OpCode => OpCode.Delete;

    internal override IJuteRecord ToRequest(string serverPath) =>
        new DeleteRequest(serverPath, Version);
}
