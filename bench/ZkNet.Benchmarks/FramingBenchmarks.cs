using System.Buffers;
using BenchmarkDotNet.Attributes;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Benchmarks;

/// <summary>
/// Splitting a read buffer into frames: 64 getData requests back to back (what one pipelined read from a busy
/// client holds), as one contiguous segment and as a chain of 1 KiB segments (a PipeReader's usual shape,
/// with frames straddling segment ends).
/// </summary>
[MemoryDiagnoser]
public class FramingBenchmarks : IDisposable
{
    private const int Frames = 64;
    private ReadOnlySequence<byte> _contiguous;
    private ReadOnlySequence<byte> _segmented;
    private readonly FrameBuffer _buffer = new(64 * 1024);

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new FrameBuffer();
        for (var i = 0; i < Frames; i++)
        {
            var mark = buffer.BeginFrame();
            var writer = new JuteWriter(buffer);
            new RequestHeader(i + 1, (int)OpCode.GetData).Serialize(writer);
            new GetDataRequest("/zknet-bench/run/keys/k" + i, false).Serialize(writer);
            buffer.EndFrame(mark);
        }
        var bytes = buffer.ToArray();
        _contiguous = new ReadOnlySequence<byte>(bytes);
        _segmented = Segment.Chain(bytes, 1024);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _buffer.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "split 64 frames, one segment")]
    public int SplitContiguous() => Split(_contiguous);

    [Benchmark(Description = "split 64 frames, 1 KiB segments")]
    public int SplitSegmented() => Split(_segmented);

    [Benchmark(Description = "frame 64 headers into a FrameBuffer")]
    public int FrameHeaders()
    {
        _buffer.Clear();
        for (var i = 0; i < Frames; i++)
        {
            var mark = _buffer.BeginFrame();
            new ReplyHeader(i + 1, 0x1_0000_0001, 0).Serialize(new JuteWriter(_buffer));
            _buffer.EndFrame(mark);
        }
        return _buffer.WrittenCount;
    }

    private static int Split(ReadOnlySequence<byte> input)
    {
        var count = 0;
        while (FrameDecoder.TryReadFrame(ref input, FrameDecoder.DefaultMaxBuffer, out var frame))
        {
            count += (int)frame.Length;
        }
        return count;
    }

    /// <summary>A linked list of array segments, to build a multi-segment sequence.</summary>
    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Chain(byte[] bytes, int size)
        {
            var first = new Segment(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
            var last = first;
            for (var offset = size; offset < bytes.Length; offset += size)
            {
                var next = new Segment(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), offset);
                last.Next = next;
                last = next;
            }
            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
