using System.Buffers;
using System.Buffers.Binary;

namespace ZkNet.Protocol.Framing;

/// <summary>
/// A growable, pooled byte buffer that is an <see cref="IBufferWriter{T}"/> and can frame what is written
/// into it: <see cref="BeginFrame"/> reserves the 4-byte big-endian length that ZooKeeper puts before every
/// packet and <see cref="EndFrame"/> fills it in, so a record is serialized once, straight into the buffer.
/// Not thread-safe.
/// </summary>
public sealed class FrameBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    /// <summary>Creates a buffer with at least <paramref name="initialCapacity"/> bytes rented from the shared pool.</summary>
    public FrameBuffer(int initialCapacity = 4096) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>The bytes written so far, as an array segment (for vectored socket sends).</summary>
    public ArraySegment<byte> WrittenSegment => new(_buffer, 0, _written);

    /// <summary>Number of bytes written so far.</summary>
    public int WrittenCount => _written;

    /// <summary>Forgets everything written, keeping the storage.</summary>
    public void Clear() => _written = 0;

    /// <summary>Reserves the length prefix of a frame and returns the mark to pass to <see cref="EndFrame"/>.</summary>
    public int BeginFrame()
    {
        var mark = _written;
        GetSpan(4);
        _written += 4;
        return mark;
    }

    /// <summary>Writes the length of the frame started at <paramref name="mark"/> into its prefix.</summary>
    public void EndFrame(int mark) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(mark, 4), _written - mark - 4);

    /// <summary>Drops everything written after <paramref name="mark"/> (used when a frame is abandoned).</summary>
    public void Truncate(int mark) => _written = Math.Min(_written, mark);

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_written + count > _buffer.Length)
        {
            throw new InvalidOperationException("advanced past the end of the buffer");
        }
        _written += count;
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Appends raw bytes.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        _written += bytes.Length;
    }

    /// <summary>Copies the written bytes to a new array (for tests and cold paths).</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Returns the storage to the pool.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }
        var newSize = Math.Max(_buffer.Length * 2, _written + needed);
        var larger = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer.AsSpan(0, _written).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = larger;
    }
}
