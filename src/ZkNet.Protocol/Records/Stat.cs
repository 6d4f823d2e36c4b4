using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>A znode's metadata exactly as ZooKeeper reports it.</summary>
/// <param name="Czxid">The zxid of the change that created the node.</param>
/// <param name="Mzxid">The zxid of the change that last modified the node's data.</param>
/// <param name="Ctime">Creation time, milliseconds since the epoch.</param>
/// <param name="Mtime">Last data modification time, milliseconds since the epoch.</param>
/// <param name="Version">Number of changes to the data.</param>
/// <param name="Cversion">Number of changes to the children.</param>
/// <param name="Aversion">Number of changes to the ACL.</param>
/// <param name="EphemeralOwner">Owning session id for an ephemeral node, else 0 (or a TTL/container marker in StatPersisted).</param>
/// <param name="DataLength">Length of the data.</param>
/// <param name="NumChildren">Number of children.</param>
/// <param name="Pzxid">The zxid of the change that last modified the children.</param>
public readonly record struct Stat(
    long Czxid, long Mzxid, long Ctime, long Mtime, int Version, int Cversion, int Aversion,
    long EphemeralOwner, int DataLength, int NumChildren, long Pzxid) : IJuteRecord<Stat>
{
    /// <inheritdoc />
    public static Stat Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadInt(), reader.ReadInt(),
        reader.ReadInt(), reader.ReadLong(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong());

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteLong(Czxid);
        writer.WriteLong(Mzxid);
        writer.WriteLong(Ctime);
        writer.WriteLong(Mtime);
        writer.WriteInt(Version);
        writer.WriteInt(Cversion);
        writer.WriteInt(Aversion);
        writer.WriteLong(EphemeralOwner);
        writer.WriteInt(DataLength);
        writer.WriteInt(NumChildren);
        writer.WriteLong(Pzxid);
    }
}
