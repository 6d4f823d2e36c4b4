using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Sets a node's data inside a multi if its version matches (-1 matches any).</summary>
/// <param name="Path">The node.</param>
/// <param name="Data">The new data, or null.</param>
/// <param name="Version">The expected data version, or -1.</param>
public sealed record SetDataOp(string Path, byte[]? Data, int Version) : Op(Path)
{
    internal override OpCode OpCode => OpCode.SetData;

    internal override IJuteRecord ToRequest(string serverPath) =>
        new SetDataRequest(serverPath, Data, Version);
}
