using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>One frame from the server after the handshake: its header and the body bytes.</summary>
internal sealed record Reply(ReplyHeader Header, byte[] Body)
{
    public ErrorCode Err => (ErrorCode)Header.Err;

    public bool IsNotification => Header.Xid == Xids.Notification;

    public T Read<T>()
        where T : IJuteRecord<T>
    {
        var reader = new JuteReader(Body);
        return T.Deserialize(ref reader);
    }

    public static Reply Parse(byte[] frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        return new Reply(header, reader.RemainingSpan.ToArray());
    }
}
