using System.Buffers.Binary;

namespace ZkNet.Quorum.Election;

/// <summary>
/// An election message body as ZooKeeper 3.8 sends it (FastLeaderElection.buildMsg): state, leader, zxid,
/// electionEpoch, peerEpoch, version 2, then the sender's configuration text. The 4-byte length that frames it on
/// the election connection is not part of it. Layout: docs/quorum-protocol.md §2.1-2.2.
/// </summary>
/// <param name="State">The sender's state.</param>
/// <param name="Leader">The proposed or established leader.</param>
/// <param name="Zxid">That leader's last logged zxid.</param>
/// <param name="ElectionEpoch">The sender's logical clock.</param>
/// <param name="PeerEpoch">That leader's epoch.</param>
/// <param name="Version">The message version (2 from 3.5 on; 0 for the short pre-3.4.6 forms).</param>
/// <param name="Config">The sender's configuration text bytes (empty when absent).</param>
public sealed record Notification(ServerState State, long Leader, long Zxid, long ElectionEpoch, long PeerEpoch, int Version, byte[] Config)
{
    /// <summary>The version ZooKeeper 3.5+ sends.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The largest election message ZooKeeper accepts (QuorumCnxManager.PACKETMAXSIZE).</summary>
    public const int MaxMessageSize = 512 * 1024;

    /// <summary>The vote it carries.</summary>
    public Vote Vote => new(Leader, Zxid, ElectionEpoch, PeerEpoch, State, Version);

    /// <summary>The body's length in bytes.</summary>
    public int EncodedLength => 44 + Config.Length;

    /// <summary>Writes the body (without the frame length) into <paramref name="destination"/>.</summary>
    public void Encode(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, (int)State);
        BinaryPrimitives.WriteInt64BigEndian(destination[4..], Leader);
        BinaryPrimitives.WriteInt64BigEndian(destination[12..], Zxid);
        BinaryPrimitives.WriteInt64BigEndian(destination[20..], ElectionEpoch);
        BinaryPrimitives.WriteInt64BigEndian(destination[28..], PeerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(destination[36..], Version);
        BinaryPrimitives.WriteInt32BigEndian(destination[40..], Config.Length);
        Config.CopyTo(destination[44..]);
    }

    /// <summary>The body as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        Encode(bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a body in any of the forms ZooKeeper accepts (28 bytes: no peerEpoch, taken from the zxid; 40 bytes:
    /// no version; longer: version, and the config when the version is above 1). Null, with the reason, for what
    /// ZooKeeper drops: a short body, an unknown state, a config length that does not fit.
    /// </summary>
    public static Notification? TryDecode(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        if (body.Length < 28)
        {
            error = $"short notification ({body.Length} bytes)";
            return null;
        }
        var state = BinaryPrimitives.ReadInt32BigEndian(body);
        if (state is < 0 or > 3)
        {
            error = $"unknown state {state}";
            return null;
        }
        var leader = BinaryPrimitives.ReadInt64BigEndian(body[4..]);
        var zxid = BinaryPrimitives.ReadInt64BigEndian(body[12..]);
        var electionEpoch = BinaryPrimitives.ReadInt64BigEndian(body[20..]);
        if (body.Length == 28)
        {
            return new Notification((ServerState)state, leader, zxid, electionEpoch, zxid >> 32, 0, []);
        }
        if (body.Length < 36)
        {
            error = $"truncated notification ({body.Length} bytes)";
            return null;
        }
        var peerEpoch = BinaryPrimitives.ReadInt64BigEndian(body[28..]);
        if (body.Length < 40)
        {
            return new Notification((ServerState)state, leader, zxid, electionEpoch, peerEpoch, 0, []);
        }
        var version = BinaryPrimitives.ReadInt32BigEndian(body[36..]);
        if (version <= 1)
        {
            return new Notification((ServerState)state, leader, zxid, electionEpoch, peerEpoch, version, []);
        }
        if (body.Length < 44)
        {
            error = $"truncated notification ({body.Length} bytes)";
            return null;
        }
        var configLength = BinaryPrimitives.ReadInt32BigEndian(body[40..]);
        if (configLength < 0 || configLength > body.Length - 44)
        {
            error = $"config length {configLength} does not fit in a {body.Length}-byte notification";
            return null;
        }
        return new Notification((ServerState)state, leader, zxid, electionEpoch, peerEpoch, version, body.Slice(44, configLength).ToArray());
    }
}
