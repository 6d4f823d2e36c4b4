using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Client.Internal;

/// <summary>
/// One request on its way to the server and back: its opcode, request record, the xid the writer gave it, and
/// what to do with the reply. Completion always hands off to the thread pool (continuations run asynchronously),
/// so the socket reader never runs caller code.
/// </summary>
internal abstract class Packet
{
    protected Packet(OpCode opCode, IJuteRecord? request, string? clientPath)
    {
        OpCode = opCode;
        Request = request;
        ClientPath = clientPath;
    }

    /// <summary>The operation.</summary>
    public OpCode OpCode { get; }

    /// <summary>The request record after the header, or null when the header is the whole request.</summary>
    public IJuteRecord? Request { get; }

    /// <summary>The path as the caller gave it, for error messages; null when the operation has none.</summary>
    public string? ClientPath { get; }

    /// <summary>The xid, assigned by the writer when the packet is put on the wire (or fixed for special packets).</summary>
    public int Xid { get; set; }

    /// <summary>How the reply is matched: FIFO by xid, through the auth queue, or not at all (pings).</summary>
    public PacketKind Kind { get; init; } = PacketKind.Ordered;

    /// <summary>The fixed xid of a special packet (ping, auth, setWatches), or null for an ordinary request.</summary>
    public int? FixedXid { get; init; }

    /// <summary>Watch registration or removal, run on the reader before the caller's task completes.</summary>
    public IReplyHook? Hook { get; init; }

    /// <summary>Whether the packet's task has finished (a cancelled packet is skipped by the writer).</summary>
    public abstract bool IsCompleted { get; }

    /// <summary>Writes the request header and record.</summary>
    public void Write(JuteWriter writer)
    {
        new RequestHeader(Xid, (int)OpCode).Serialize(writer);
        Request?.Serialize(writer);
    }

    /// <summary>Completes the packet from its reply (called on the socket reader, in reply order).</summary>
    public abstract void Complete(in ReplyHeader header, ref JuteReader body, Chroot chroot);

    /// <summary>Fails the packet (connection loss, expiry, close).</summary>
    public abstract void Fail(Exception exception);
}
