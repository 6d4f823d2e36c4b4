using ZkNet.Protocol.Jute;

namespace ZkNet.Persistence;

/// <summary>
/// The part of a znode's Stat that ZooKeeper stores in snapshots (zookeeper.jute, class StatPersisted): Stat without
/// dataLength and numChildren, which are derived from the data and the children on load.
/// </summary>
/// <param name="Czxid">The zxid that created the node.</param>
/// <param name="Mzxid">The zxid that last changed the data.</param>
/// <param name="Ctime">Creation time, ms since the epoch.</param>
/// <param name="Mtime">Last data change time, ms since the epoch.</param>
/// <param name="Version">Data version.</param>
/// <param name="Cversion">Children version.</param>
/// <param name="Aversion">ACL version.</param>
/// <param name="EphemeralOwner">Owning session, 0, or a container / TTL marker (see EphemeralType).</param>
/// <param name="Pzxid">The zxid that last changed the children.</param>
public readonly record struct StatPersisted(
    long Czxid, long Mzxid, long Ctime, long Mtime, int Version, int Cversion, int Aversion, long EphemeralOwner, long Pzxid)
{
    /// <summary>Serialized size in bytes.</summary>
    public const int Size = 6 * 8 + 3 * 4;

    /// <summary>Writes the fields in IDL order.</summary>
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
        writer.WriteLong(Pzxid);
    }

    /// <summary>Reads the fields in IDL order.</summary>
    public static StatPersisted Deserialize(ref JuteReader reader) => new(
        reader.ReadLong(), reader.ReadLong(), reader.ReadLong(), reader.ReadLong(),
        reader.ReadInt(), reader.ReadInt(), reader.ReadInt(), reader.ReadLong(), reader.ReadLong());
}
