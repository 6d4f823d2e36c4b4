using System.Buffers;
using System.Buffers.Binary;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Framing;

/// <summary>Length prefixes that must be refused, and the edges that must not.</summary>
public sealed class FrameDecoderLimitTests
{
    private static ReadOnlySequence<byte> Prefix(int length, int bodyBytes = 0)
    {
        var bytes = new byte[4 + bodyBytes];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return new ReadOnlySequence<byte>(bytes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(FrameDecoder.DefaultMaxBuffer + 1)]
    [InlineData(int.MaxValue)]
    public void Negative_or_too_long_length_is_refused_as_soon_as_the_prefix_arrives(int length)
    {
        // Only the 4 prefix bytes are there: the decoder must refuse now, not wait (and buffer) for the body.
        var buffer = Prefix(length);
        var error = Assert.Throws<FrameTooLargeException>(() => FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out _));
        Assert.Equal(length, error.Length);
        Assert.Contains("Len error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_equal_to_jute_maxbuffer_is_accepted_once_the_body_is_complete()
    {
        var partial = Prefix(FrameDecoder.DefaultMaxBuffer, FrameDecoder.DefaultMaxBuffer - 1);
        Assert.False(FrameDecoder.TryReadFrame(ref partial, FrameDecoder.DefaultMaxBuffer, out _));
        Assert.Equal(4 + FrameDecoder.DefaultMaxBuffer - 1, partial.Length);
        var whole = Prefix(FrameDecoder.DefaultMaxBuffer, FrameDecoder.DefaultMaxBuffer);
        Assert.True(FrameDecoder.TryReadFrame(ref whole, FrameDecoder.DefaultMaxBuffer, out var frame));
        Assert.Equal(FrameDecoder.DefaultMaxBuffer, frame.Length);
        Assert.Equal(0, whole.Length);
    }

    [Fact]
    public void Configured_max_buffer_is_the_limit()
    {
        var ok = Prefix(100, 100);
        Assert.True(FrameDecoder.TryReadFrame(ref ok, 100, out _));
        var tooLong = Prefix(101, 101);
        Assert.Throws<FrameTooLargeException>(() => FrameDecoder.TryReadFrame(ref tooLong, 100, out _));
    }

    [Fact]
    public void Fewer_than_four_bytes_wait_and_leave_the_buffer_untouched()
    {
        for (var available = 0; available < 4; available++)
        {
            var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 8 }.AsMemory(0, available));
            Assert.False(FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out _));
            Assert.Equal(available, buffer.Length);
        }
    }

    [Fact]
    public void Empty_frame_is_a_frame()
    {
        var buffer = Prefix(0);
        Assert.True(FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out var frame));
        Assert.Equal(0, frame.Length);
    }

    [Fact]
    public void Length_prefix_split_across_one_byte_segments_is_read()
    {
        var ping = GoldenFrames.Get(73).Bytes;
        var buffer = Segments.Build(Segments.Chop(ping, 1));
        Assert.True(FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out var frame));
        Assert.Equal(ping[4..], frame.ToArray());
    }

    [Fact]
    public void A_four_letter_word_read_as_a_length_is_refused_so_servers_must_check_for_one_first()
    {
        // "ruok" is 0x72756f6b as a length: ZooKeeper recognises four-letter words before treating bytes as a frame.
        var buffer = new ReadOnlySequence<byte>("ruok"u8.ToArray());
        Assert.Throws<FrameTooLargeException>(() => FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out _));
    }
}
