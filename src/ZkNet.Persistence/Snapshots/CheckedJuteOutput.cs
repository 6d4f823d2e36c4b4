using ZkNet.Persistence.Checksums;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;

namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// Stages Jute values in a buffer and writes them to a stream in large pieces, keeping the Adler-32 of everything
/// written (java.util.zip.CheckedOutputStream under a BinaryOutputArchive).
/// </summary>
internal sealed class CheckedJuteOutput : IDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly FrameBuffer _buffer = new(FlushThreshold * 2);
    private Adler32 _adler;

    public CheckedJuteOutput(Stream stream) => _stream = stream;

    public JuteWriter Writer => new(_buffer);

    /// <summary>Adler-32 of everything written so far.</summary>
    public long Checksum
    {
        get
        {
            Flush();
            return _adler.Value;
        }
    }

    /// <summary>Bytes written so far (uncompressed).</summary>
    public long Written { get; private set; }

    public void MaybeFlush()
    {
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            Flush();
        }
    }

    public void Flush()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }
        _adler.Update(_buffer.WrittenSpan);
        _stream.Write(_buffer.WrittenSpan);
        Written += _buffer.WrittenCount;
        _buffer.Clear();
    }

    public void Dispose() => _buffer.Dispose();
}
