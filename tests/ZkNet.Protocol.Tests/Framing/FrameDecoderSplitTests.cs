using System.Buffers;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Tests.Support;

namespace ZkNet.Protocol.Tests.Framing;

/// <summary>
/// The captured client and server byte streams, however TCP cuts them, come out of <see cref="FrameDecoder"/>
/// as exactly the captured packets.
/// </summary>
public sealed class FrameDecoderSplitTests
{
    public static TheoryData<bool> Directions => new(true, false);

    private static List<byte[]> Expected(bool fromClient) =>
        GoldenFrames.All.Where(f => f.FromClient == fromClient).Select(f => f.Bytes[4..]).ToList();

    private static byte[] Stream(bool fromClient) => GoldenFrames.All.Where(f => f.FromClient == fromClient).SelectMany(f => f.Bytes).ToArray();

    // Takes every whole frame off the sequence; what is left must be less than a frame.
    private static List<byte[]> DecodeAll(ref ReadOnlySequence<byte> buffer)
    {
        var frames = new List<byte[]>();
        while (FrameDecoder.TryReadFrame(ref buffer, FrameDecoder.DefaultMaxBuffer, out var frame))
        {
            frames.Add(frame.ToArray());
        }
        return frames;
    }

    private static void AssertSameFrames(List<byte[]> expected, List<byte[]> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {actual.Count} frames instead of {expected.Count}");
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].AsSpan().SequenceEqual(actual[i]), $"{context}: frame {i} differs");
        }
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Stream_in_two_segments_split_at_every_offset_yields_the_same_frames(bool fromClient)
    {
        var stream = Stream(fromClient);
        var expected = Expected(fromClient);
        for (var split = 0; split <= stream.Length; split++)
        {
            var buffer = Segments.Build([stream.AsMemory(0, split), stream.AsMemory(split)]);
            AssertSameFrames(expected, DecodeAll(ref buffer), $"split at {split}");
            Assert.Equal(0, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Stream_in_pieces_of_every_size_from_one_byte_to_whole_yields_the_same_frames(bool fromClient)
    {
        var stream = Stream(fromClient);
        var expected = Expected(fromClient);
        for (var size = 1; size <= stream.Length; size++)
        {
            var buffer = Segments.Build(Segments.Chop(stream, size));
            AssertSameFrames(expected, DecodeAll(ref buffer), $"pieces of {size}");
            Assert.Equal(0, buffer.Length);
        }
    }

    [Theory]
    [MemberData(nameof(Directions))]
    public void Stream_arriving_piece_by_piece_yields_each_frame_as_soon_as_it_is_complete(bool fromClient)
    {
        var stream = Stream(fromClient);
        var expected = Expected(fromClient);
        for (var size = 1; size <= stream.Length; size += size < 64 ? 1 : 7)
        {
            var frames = new List<byte[]>();
            var rest = ReadOnlySequence<byte>.Empty;
            var received = 0;
            foreach (var piece in Segments.Chop(stream, size))
            {
                rest = Segments.Append(rest, piece);
                received += piece.Length;
                frames.AddRange(DecodeAll(ref rest));
                // Whatever stays buffered is the unfinished tail of the stream, never a frame left behind.
                var completeFramesSoFar = 0;
                for (var total = 0; completeFramesSoFar < expected.Count && total + 4 + expected[completeFramesSoFar].Length <= received;)
                {
                    total += 4 + expected[completeFramesSoFar++].Length;
                }
                Assert.Equal(completeFramesSoFar, frames.Count);
            }
            AssertSameFrames(expected, frames, $"arriving in pieces of {size}");
            Assert.Equal(0, rest.Length);
        }
    }
}
