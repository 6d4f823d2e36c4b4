using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>
/// Everything a leader and a learner say to each other on the quorum port (zookeeper.jute's QuorumPacket): a
/// stream of these, without a length prefix.
/// </summary>
/// <param name="Type">The packet type.</param>
/// <param name="Zxid">The zxid it concerns (or -1).</param>
/// <param name="Data">The payload, or null.</param>
/// <param name="AuthInfo">The client's identities on a forwarded request, or null.</param>
public sealed record QuorumPacket(QuorumPacketType Type, long Zxid, byte[]? Data = null, IReadOnlyList<Id>? AuthInfo = null) : IJuteRecord<QuorumPacket>
{
    /// <inheritdoc />
    public static QuorumPacket Deserialize(ref JuteReader reader)
    {
        var type = (QuorumPacketType)reader.ReadInt();
        var zxid = reader.ReadLong();
        var data = reader.ReadBuffer();
        var count = reader.ReadVectorLength();
        List<Id>? auth = null;
        if (count >= 0)
        {
            auth = new List<Id>(count);
            for (var i = 0; i < count; i++)
            {
                auth.Add(Id.Deserialize(ref reader));
            }
        }
        return new QuorumPacket(type, zxid, data, auth);
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteInt((int)Type);
        writer.WriteLong(Zxid);
        writer.WriteBuffer(Data);
        if (AuthInfo is null)
        {
            writer.WriteInt(-1);
            return;
        }
        writer.WriteInt(AuthInfo.Count);
        foreach (var id in AuthInfo)
        {
            id.Serialize(writer);
        }
    }
}
