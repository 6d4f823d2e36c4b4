using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Wire;

/// <summary>Appends whole request frames (length, RequestHeader, record) to a <see cref="FrameBuffer"/>.</summary>
internal static class RequestWriter
{
    public static void Write<T>(FrameBuffer buffer, int xid, OpCode op, T record)
        where T : IJuteRecord
    {
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        new RequestHeader(xid, (int)op).Serialize(writer);
        record.Serialize(writer);
        buffer.EndFrame(mark);
    }

    /// <summary>A request whose body is empty (closeSession).</summary>
    public static void WriteHeaderOnly(FrameBuffer buffer, int xid, OpCode op)
    {
        var mark = buffer.BeginFrame();
        new RequestHeader(xid, (int)op).Serialize(new JuteWriter(buffer));
        buffer.EndFrame(mark);
    }
}
