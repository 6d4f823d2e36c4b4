using System.Buffers.Binary;
using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// The read side of a quorum connection, buffered. Packets are parsed straight out of the buffer, so a burst of
/// PROPOSALs, COMMITs or ACKs costs one socket read and no awaits per field, and <see cref="TryReadBuffered"/> hands
/// over every packet already received without waiting (the drivers feed them to the protocol as one batch). What is
/// not a packet (a SNAP's snapshot) is read through it as a plain stream, the buffered bytes first. Every length is
/// checked against the limit before the buffer grows for it.
/// </summary>
public sealed class QuorumInput(Stream inner, int bufferSize = 64 * 1024) : Stream
{
    private const int MaxAuthIds = 1024;

    // What a packet may hold besides its data: the header and the auth ids of a forwarded request.
    private const int MaxFieldsBeyondData = 64 * 1024;
    private byte[] _buffer = new byte[bufferSize];
    private int _start;
    private int _end;

    private int Buffered => _end - _start;

    /// <summary>
    /// The next packet, reading from the connection as needed; a SNAP's snapshot is left for the caller to read.
    /// Throws <see cref="InvalidDataException"/> on anything malformed and <see cref="EndOfStreamException"/> when the
    /// connection ends (between packets or inside one).
    /// </summary>
    public async ValueTask<QuorumPacket> ReadPacketAsync(int maxLength, CancellationToken cancellationToken)
    {
        while (true)
        {
            var needed = TryParse(maxLength, out var packet);
            if (packet is not null)
            {
                return packet;
            }
            if (needed > (long)maxLength + MaxFieldsBeyondData)
            {
                throw new InvalidDataException($"a packet of more than {needed} bytes (limit {maxLength} of data)");
            }
            await FillAsync(needed, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The next packet if it has been received whole already and is not a SNAP (whose snapshot must be read from
    /// the connection); false otherwise, nothing consumed.
    /// </summary>
    public bool TryReadBuffered(int maxLength, out QuorumPacket? packet)
    {
        packet = null;
        if (Buffered >= 4 && BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start)) == (int)QuorumPacketType.Snap)
        {
            return false;
        }
        TryParse(maxLength, out packet);
        return packet is not null;
    }

    /// <summary>
    /// Parses a packet from the buffered bytes and consumes them; when they hold only part of one, returns how many
    /// bytes the packet needs at least (nothing consumed, <paramref name="packet"/> null).
    /// </summary>
    private int TryParse(int maxLength, out QuorumPacket? packet)
    {
        packet = null;
        var span = _buffer.AsSpan(_start, Buffered);
        if (span.Length < 12)
        {
            return 12;
        }
        var type = BinaryPrimitives.ReadInt32BigEndian(span);
        var zxid = BinaryPrimitives.ReadInt64BigEndian(span[4..]);
        var position = 12;
        if (!TryBuffer(span, ref position, maxLength, out var data, out var needed))
        {
            return needed;
        }
        if (!TryInt(span, ref position, out var count))
        {
            return position + 4;
        }
        List<Id>? auth = null;
        if (count >= 0)
        {
            if (count > MaxAuthIds)
            {
                throw new InvalidDataException($"authinfo of {count} ids");
            }
            auth = new List<Id>(count);
            for (var i = 0; i < count; i++)
            {
                if (!TryBuffer(span, ref position, maxLength, out var scheme, out needed)
                    || !TryBuffer(span, ref position, maxLength, out var id, out needed))
                {
                    return needed;
                }
                auth.Add(new Id(Utf8(scheme), Utf8(id)));
            }
        }
        else if (count != -1)
        {
            throw new InvalidDataException($"negative authinfo length {count}");
        }
        _start += position;
        packet = new QuorumPacket((QuorumPacketType)type, zxid, data, auth);
        return 0;
    }

    private static string Utf8(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    private static bool TryInt(ReadOnlySpan<byte> span, ref int position, out int value)
    {
        value = 0;
        if (span.Length - position < 4)
        {
            return false;
        }
        value = BinaryPrimitives.ReadInt32BigEndian(span[position..]);
        position += 4;
        return true;
    }

    /// <summary>A Jute buffer (null for length -1); false with the bytes needed when it is not all here.</summary>
    private static bool TryBuffer(ReadOnlySpan<byte> span, ref int position, int maxLength, out byte[]? value, out int needed)
    {
        value = null;
        var start = position;
        if (!TryInt(span, ref position, out var length))
        {
            needed = start + 4;
            return false;
        }
        if (length == -1)
        {
            needed = 0;
            return true;
        }
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"buffer length {length} out of range (limit {maxLength})");
        }
        if (span.Length - position < length)
        {
            needed = position + length;
            return false;
        }
        value = span.Slice(position, length).ToArray();
        position += length;
        needed = 0;
        return true;
    }

    /// <summary>Reads until at least <paramref name="needed"/> bytes are buffered, growing the buffer for a large packet.</summary>
    private async ValueTask FillAsync(int needed, CancellationToken cancellationToken)
    {
        if (needed > _buffer.Length - _start)
        {
            if (needed > _buffer.Length)
            {
                // Only past the length checks: a packet this big was announced within the limit.
                var grown = new byte[Math.Max(needed, _buffer.Length * 2)];
                _buffer.AsSpan(_start, Buffered).CopyTo(grown);
                _buffer = grown;
            }
            else
            {
                _buffer.AsSpan(_start, Buffered).CopyTo(_buffer);
            }
            _end = Buffered;
            _start = 0;
        }
        while (Buffered < needed)
        {
            var read = await inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException(Buffered == 0 ? "the connection ended" : "the connection ended inside a packet");
            }
            _end += read;
        }
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Buffered == 0)
        {
            if (buffer.Length >= _buffer.Length)
            {
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            _start = _end = 0;
            var read = await inner.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _end = read;
        }
        return TakeBuffered(buffer.Span);
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (Buffered == 0)
        {
            if (buffer.Length >= _buffer.Length)
            {
                return inner.Read(buffer);
            }
            _start = 0;
            _end = inner.Read(_buffer);
        }
        return TakeBuffered(buffer);
    }

    private int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, Buffered);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
