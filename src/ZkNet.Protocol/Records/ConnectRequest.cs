using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>
/// The first packet of every client connection. Clients older than 3.4 stop after the password; newer ones
/// append the readOnly flag, so it is read only when bytes remain.
/// </summary>
/// <param name="ProtocolVersion">Always 0.</param>
/// <param name="LastZxidSeen">The highest zxid the client has seen (0 for a new session).</param>
/// <param name="TimeOut">The requested session timeout in milliseconds.</param>
/// <param name="SessionId">0 for a new session, else the session to resume.</param>
/// <param name="Passwd">The session password (16 bytes), or empty for a new session.</param>
/// <param name="ReadOnly">Whether the client accepts a read-only server.</param>
public sealed record ConnectRequest(int ProtocolVersion, long LastZxidSeen, int TimeOut, long SessionId, byte[]? Passwd, bool ReadOnly)
    : IJuteRecord<ConnectRequest>
{
    /// <summary>
    /// Whether the packet carries the trailing readOnly byte (true for every client since 3.4; false when read from
    /// an older client's packet). ZooKeeper answers such a client without the readOnly byte in its
    /// <see cref="ConnectResponse"/>, so a server copies this flag into <see cref="ConnectResponse.HasReadOnlyFlag"/>.
    /// When false, <see cref="Serialize"/> leaves the byte out.
    /// </summary>
    public bool HasReadOnlyFlag { get; init; } = true;

    /// <inheritdoc />
    public static ConnectRequest Deserialize(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var lastZxidSeen = reader.ReadLong();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer();
        var hasReadOnlyFlag = reader.Remaining > 0;
        var readOnly = hasReadOnlyFlag && reader.ReadBool();
        return new ConnectRequest(protocolVersion, lastZxidSeen, timeOut, sessionId, passwd, readOnly)
        {
            HasReadOnlyFlag = hasReadOnlyFlag,
        };
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (HasReadOnlyFlag)
        {
            writer.WriteBool(ReadOnly);
        }
    }
}
