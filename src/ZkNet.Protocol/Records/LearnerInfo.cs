using System.Buffers.Binary;

namespace ZkNet.Protocol.Records;

/// <summary>
/// The data of FOLLOWERINFO and OBSERVERINFO (zookeeper.jute's LearnerInfo): the learner's sid, protocol version
/// (0x10000) and config version. A leader reads as much of it as is there, as ZooKeeper's LearnerHandler does.
/// </summary>
/// <param name="ServerId">The learner's sid.</param>
/// <param name="ProtocolVersion">The learner's protocol version (0x10000; 0 when absent).</param>
/// <param name="ConfigVersion">The learner's quorum config version (0 with a static configuration).</param>
public sealed record LearnerInfo(long ServerId, int ProtocolVersion, long ConfigVersion)
{
    /// <summary>The protocol version of ZooKeeper 3.4 and later (ZAB 1.0).</summary>
    public const int CurrentProtocolVersion = 0x10000;

    /// <summary>The 20-byte encoding.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[20];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ServerId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), ProtocolVersion);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(12), ConfigVersion);
        return bytes;
    }

    /// <summary>Reads what is there: 8 bytes give the sid, 12 the protocol version, 20 the config version. Null for less than 8.</summary>
    public static LearnerInfo? TryRead(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8)
        {
            return null;
        }
        var sid = BinaryPrimitives.ReadInt64BigEndian(data);
        var protocol = data.Length >= 12 ? BinaryPrimitives.ReadInt32BigEndian(data[8..]) : 0;
        var config = data.Length >= 20 ? BinaryPrimitives.ReadInt64BigEndian(data[12..]) : 0;
        return new LearnerInfo(sid, protocol, config);
    }
}
