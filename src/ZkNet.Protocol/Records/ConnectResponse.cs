using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Records;

/// <summary>
/// The server's answer to <see cref="ConnectRequest"/>. A timeout of 0 (and session id 0) tells the client its
/// session has expired. The readOnly flag is read only when bytes remain (servers older than 3.4 omit it).
/// </summary>
/// <param name="ProtocolVersion">Always 0.</param>
/// <param name="TimeOut">The negotiated session timeout in milliseconds.</param>
/// <param name="SessionId">The session id.</param>
/// <param name="Passwd">The session password.</param>
/// <param name="ReadOnly">Whether this server is in read-only mode.</param>
public sealed record ConnectResponse(int ProtocolVersion, int TimeOut, long SessionId, byte[]? Passwd, bool ReadOnly)
    : IJuteRecord<ConnectResponse>
{
    /// <summary>
    /// Whether the packet carries the trailing readOnly byte. ZooKeeper leaves it out when answering a client that
    /// did not send one (see <see cref="ConnectRequest.HasReadOnlyFlag"/>); when false, <see cref="Serialize"/>
    /// leaves it out too.
    /// </summary>
    public bool HasReadOnlyFlag { get; init; } = true;

    /// <inheritdoc />
    public static ConnectResponse Deserialize(ref JuteReader reader)
    {
        var protocolVersion = reader.ReadInt();
        var timeOut = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var passwd = reader.ReadBuffer();
        var hasReadOnlyFlag = reader.Remaining > 0;
        var readOnly = hasReadOnlyFlag && reader.ReadBool();
        return new ConnectResponse(protocolVersion, timeOut, sessionId, passwd, readOnly)
        {
            HasReadOnlyFlag = hasReadOnlyFlag,
        };
    }

    /// <inheritdoc />
    public void Serialize(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (HasReadOnlyFlag)
        {
            writer.WriteBool(ReadOnly);
        }
    }
}
