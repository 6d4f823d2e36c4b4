using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Framing;

/// <summary>Writing packets straight into a <see cref="FrameBuffer"/>.</summary>
public sealed class FrameBufferTests
{
    [Fact]
    public void Frames_written_back_to_back_reproduce_the_captured_stream()
    {
        using var buffer = new FrameBuffer(8); // small, so it must grow several times
        var writer = new JuteWriter(buffer);
        var frames = GoldenFrames.All.Where(f => !GoldenSession.IsConnect(f)).ToList();
        foreach (var frame in frames)
        {
            var mark = buffer.BeginFrame();
            foreach (var record in GoldenSession.Decode(frame))
            {
                record.Serialize(writer);
            }
            buffer.EndFrame(mark);
        }
        Assert.Equal(frames.SelectMany(f => f.Bytes).ToArray(), buffer.ToArray());
    }

    [Fact]
    public void Truncate_abandons_a_half_written_frame()
    {
        using var buffer = new FrameBuffer();
        var writer = new JuteWriter(buffer);
        var first = buffer.BeginFrame();
        new RequestHeader(-2, (int)OpCode.Ping).Serialize(writer);
        buffer.EndFrame(first);
        var second = buffer.BeginFrame();
        writer.WriteString("abandoned");
        buffer.Truncate(second);
        Assert.Equal(GoldenFrames.Get(73).Bytes, buffer.ToArray());
    }

    [Fact]
    public void Large_values_grow_the_buffer_without_losing_earlier_bytes()
    {
        using var buffer = new FrameBuffer(16);
        var data = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        var bytes = JuteCodec.Encode(new SetDataRequest("/big", data, 7));
        var writer = new JuteWriter(buffer);
        writer.WriteInt(1);
        new SetDataRequest("/big", data, 7).Serialize(writer);
        Assert.Equal([0, 0, 0, 1, .. bytes], buffer.ToArray());
        Assert.Equal(data, JuteCodec.Decode<SetDataRequest>(bytes).Data);
    }
}
