using System.Buffers;

namespace ZkNet.Protocol.Tests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s, as a PipeReader hands them out.</summary>
internal static class Segments
{
    /// <summary>A sequence whose segments are exactly <paramref name="pieces"/> (empty pieces included).</summary>
    public static ReadOnlySequence<byte> Build(IReadOnlyList<ReadOnlyMemory<byte>> pieces)
    {
        if (pieces.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Segment(pieces[0], 0);
        var last = first;
        for (var i = 1; i < pieces.Count; i++)
        {
            last = last.Append(pieces[i]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary><paramref name="bytes"/> cut into pieces of <paramref name="size"/> (the last may be shorter).</summary>
    public static List<ReadOnlyMemory<byte>> Chop(byte[] bytes, int size)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        for (var offset = 0; offset < bytes.Length; offset += size)
        {
            pieces.Add(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)));
        }
        return pieces;
    }

    /// <summary>What is left of <paramref name="rest"/> followed by a newly received <paramref name="piece"/>.</summary>
    public static ReadOnlySequence<byte> Append(ReadOnlySequence<byte> rest, ReadOnlyMemory<byte> piece)
    {
        var pieces = new List<ReadOnlyMemory<byte>>();
        foreach (var memory in rest)
        {
            pieces.Add(memory);
        }
        pieces.Add(piece);
        return Build(pieces);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
