using System.Buffers.Binary;

namespace ZkNet.Persistence.Snapshots;

/// <summary>Decompresses snappy-java's stream format (see <see cref="XerialSnappyFormat"/>). Read-only, forward-only.</summary>
internal sealed class XerialSnappyReadStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private byte[] _block = [];
    private int _blockPosition;
    private bool _headerRead;
    private bool _ended;

    public XerialSnappyReadStream(Stream inner, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (_blockPosition >= _block.Length)
        {
            if (_ended || !NextBlock())
            {
                _ended = true;
                return 0;
            }
        }
        var n = Math.Min(buffer.Length, _block.Length - _blockPosition);
        _block.AsSpan(_blockPosition, n).CopyTo(buffer);
        _blockPosition += n;
        return n;
    }

    private bool NextBlock()
    {
        Span<byte> head = stackalloc byte[XerialSnappyFormat.HeaderSize];
        if (!_headerRead)
        {
            ReadHeader(head, ReadFully(head[..4]));
            _headerRead = true;
        }
        var got = ReadFully(head[..4]);
        if (got == 0)
        {
            return false;
        }
        if (got == 4 && head[..4].SequenceEqual(XerialSnappyFormat.Magic[..4]))
        {
            // snappy-java lets streams be concatenated: another header may start where a block length would.
            ReadHeader(head, 4);
            got = ReadFully(head[..4]);
            if (got == 0)
            {
                return false;
            }
        }
        if (got < 4)
        {
            throw new InvalidDataException("snappy stream truncated in a block length");
        }
        var length = BinaryPrimitives.ReadInt32BigEndian(head);
        if (length < 0)
        {
            throw new InvalidDataException($"snappy stream has a negative block length {length}");
        }
        var compressed = new byte[length];
        if (ReadFully(compressed) < length)
        {
            throw new InvalidDataException("snappy stream truncated in a block");
        }
        try
        {
            _block = IronSnappy.Snappy.Decode(compressed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException("snappy block does not decompress: " + e.Message, e);
        }
        _blockPosition = 0;
        return true;
    }

    private void ReadHeader(Span<byte> head, int alreadyRead)
    {
        if (ReadFully(head[alreadyRead..]) + alreadyRead < XerialSnappyFormat.HeaderSize ||
            !head[..8].SequenceEqual(XerialSnappyFormat.Magic))
        {
            throw new InvalidDataException("not a snappy-java stream: bad magic header");
        }
        var compatible = BinaryPrimitives.ReadInt32BigEndian(head[12..]);
        if (compatible > XerialSnappyFormat.Version)
        {
            throw new InvalidDataException($"snappy-java stream needs format version {compatible}");
        }
    }

    private int ReadFully(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var n = _inner.Read(destination[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
