using ZkNet.Client.Internal;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

/// <summary>A node's data and Stat, as getData returns them.</summary>
/// <param name="Data">The data; empty when the node has none.</param>
/// <param name="Stat">The node's Stat.</param>
public sealed record DataResult(byte[] Data, Stat Stat)
{
    /// <summary>True when the node was created or set without data (the server answered a null buffer; zkCli prints "null").</summary>
    public bool IsNull { get; init; }

    /// <summary>Parses a GetDataResponse body (also the body of a reconfig reply).</summary>
    internal static DataResult Read(ref JuteReader body, Chroot chroot)
    {
        var data = body.ReadBuffer();
        return new DataResult(data ?? [], Stat.Deserialize(ref body)) { IsNull = data is null };
    }
}
