using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>Encoding and decoding helpers for tests.</summary>
internal static class JuteCodec
{
    /// <summary>Serializes the records one after another, without a length prefix.</summary>
    public static byte[] Encode(params IEnumerable<IJuteRecord> records)
    {
        using var buffer = new FrameBuffer(16);
        var writer = new JuteWriter(buffer);
        foreach (var record in records)
        {
            record.Serialize(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Serializes the records as one packet, with ZooKeeper's 4-byte length prefix.</summary>
    public static byte[] Frame(params IEnumerable<IJuteRecord> records)
    {
        using var buffer = new FrameBuffer(16);
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        foreach (var record in records)
        {
            record.Serialize(writer);
        }
        buffer.EndFrame(mark);
        return buffer.ToArray();
    }

    /// <summary>Decodes one record that must take exactly all of <paramref name="bytes"/>.</summary>
    public static T Decode<T>(ReadOnlySpan<byte> bytes)
        where T : IJuteRecord<T>
    {
        var reader = new JuteReader(bytes);
        var value = T.Deserialize(ref reader);
        Assert.Equal(0, reader.Remaining);
        return value;
    }

    /// <summary>Decodes one record from the front of <paramref name="bytes"/>, ignoring anything after it.</summary>
    public static T DecodePrefix<T>(byte[] bytes)
        where T : IJuteRecord<T>
    {
        var reader = new JuteReader(bytes);
        return T.Deserialize(ref reader);
    }
}
