using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Multi;

/// <summary>Inside a multi, fails the whole transaction unless the node exists with this version (-1: any version).</summary>
/// <param name="Path">The node.</param>
/// <param name="Version">The expected data version, or -1.</param>
public sealed record CheckOp(string Path, int Version) : Op(Path)
{
    internal override OpCode OpCode => OpCode.Check;

    internal override IJuteRecord ToRequest(string serverPath) =>
        new CheckVersionRequest(serverPath, Version);
}
