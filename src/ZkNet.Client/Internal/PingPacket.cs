using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>The ping (xid -2, no body). Nobody waits on it, so one instance serves every connection and never completes.</summary>
internal sealed class PingPacket : Packet
{
    /// <summary>The shared instance.</summary>
    public static readonly PingPacket Instance = new();

    private PingPacket() : base(OpCode.Ping, null, null)
    {
        FixedXid = Xids.Ping;
        Kind = PacketKind.Unmatched;
    }

    /// <inheritdoc />
    public override bool IsCompleted => false;

    /// <inheritdoc />
    public override void Complete(in ReplyHeader header, ref JuteReader body, Chroot chroot)
    {
    }

    /// <inheritdoc />
    public override void Fail(Exception exception)
    {
    }
}
