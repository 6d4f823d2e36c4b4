using System.Buffers;
using System.Buffers.Binary;

namespace ZkNet.Protocol.Framing;

/// <summary>
/// Splits a byte stream into ZooKeeper packets: a 4-byte big-endian length followed by that many bytes.
/// A length that is negative or above <c>jute.maxbuffer</c> is refused before anything is allocated for it,
/// as ZooKeeper's server refuses it ("Len error") and closes the connection.
/// </summary>
public static class FrameDecoder
{
    /// <summary>ZooKeeper's default <c>jute.maxbuffer</c>: 0xfffff bytes (1 MiB - 1).</summary>
    public const int DefaultMaxBuffer = 0xfffff;

    /// <summary>
    /// Tries to take one complete frame off the front of <paramref name="buffer"/>.
    /// Returns false when more bytes are needed; throws <see cref="FrameTooLargeException"/> when the length is invalid.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxBuffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length < 0 || length > maxBuffer)
        {
            throw new FrameTooLargeException(length, maxBuffer);
        }
        if (buffer.Length - 4 < length)
        {
            return false;
        }
        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }
}
