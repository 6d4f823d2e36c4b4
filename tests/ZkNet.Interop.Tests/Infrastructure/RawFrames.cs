using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>Builds request frames and reads records out of reply bodies with ZkNet.Protocol's Jute codec.</summary>
public static class RawFrames
{
    /// <summary>A length-prefixed frame holding <paramref name="records"/> one after another.</summary>
    public static byte[] Frame(params IJuteRecord[] records)
    {
        using var buffer = new FrameBuffer();
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        foreach (var record in records)
        {
            record.Serialize(writer);
        }
        buffer.EndFrame(mark);
        return buffer.ToArray();
    }

    /// <summary>Reads one record from the start of <paramref name="body"/>.</summary>
    public static T Read<T>(byte[] body) where T : IJuteRecord<T>
    {
        var reader = new JuteReader(body);
        return T.Deserialize(ref reader);
    }

    /// <summary>Reads a reply header and then one record.</summary>
    public static (ReplyHeader Header, T Record) ReadReply<T>(byte[] frame) where T : IJuteRecord<T>
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        return (header, T.Deserialize(ref reader));
    }

    /// <summary>Reads the reply header at the start of a frame.</summary>
    public static ReplyHeader ReadHeader(byte[] frame) => Read<ReplyHeader>(frame);

    /// <summary>The body after the 16-byte reply header.</summary>
    public static byte[] Body(byte[] frame) => frame[16..];
}
