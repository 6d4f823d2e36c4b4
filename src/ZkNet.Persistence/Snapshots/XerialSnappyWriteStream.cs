using System.Buffers.Binary;

namespace ZkNet.Persistence.Snapshots;

/// <summary>Compresses into snappy-java's stream format (see <see cref="XerialSnappyFormat"/>), 32 KiB per block.</summary>
internal sealed class XerialSnappyWriteStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly byte[] _block = new byte[XerialSnappyFormat.BlockSize];
    private int _blockCount;
    private bool _headerWritten;

    public XerialSnappyWriteStream(Stream inner, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, _block.Length - _blockCount);
            buffer[..n].CopyTo(_block.AsSpan(_blockCount));
            _blockCount += n;
            buffer = buffer[n..];
            if (_blockCount == _block.Length)
            {
                WriteBlock();
            }
        }
    }

    /// <summary>Compresses what is buffered as a block; the inner stream is flushed too.</summary>
    public override void Flush()
    {
        WriteBlock();
        _inner.Flush();
    }

    private void WriteBlock()
    {
        if (!_headerWritten)
        {
            Span<byte> header = stackalloc byte[XerialSnappyFormat.HeaderSize];
            XerialSnappyFormat.Magic.CopyTo(header);
            BinaryPrimitives.WriteInt32BigEndian(header[8..], XerialSnappyFormat.Version);
            BinaryPrimitives.WriteInt32BigEndian(header[12..], XerialSnappyFormat.MinimumCompatibleVersion);
            _inner.Write(header);
            _headerWritten = true;
        }
        if (_blockCount == 0)
        {
            return;
        }
        var compressed = IronSnappy.Snappy.Encode(_block.AsSpan(0, _blockCount));
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, compressed.Length);
        _inner.Write(length);
        _inner.Write(compressed);
        _blockCount = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            WriteBlock();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}
