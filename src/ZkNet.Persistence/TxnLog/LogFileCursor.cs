using Microsoft.Win32.SafeHandles;

namespace ZkNet.Persistence.TxnLog;

/// <summary>Positioned, buffered reads over one log file, for <see cref="TxnLogReader"/>.</summary>
internal sealed class LogFileCursor : IDisposable
{
    private readonly SafeFileHandle _handle;
    private byte[] _buffer = new byte[64 * 1024];
    private long _bufferStart;
    private int _bufferCount;

    public LogFileCursor(string path)
    {
        Path = path;
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Length = RandomAccess.GetLength(_handle);
    }

    public string Path { get; }

    public long Length { get; }

    /// <summary>The bytes [offset, offset + count), fewer if the file ends first. Valid until the next call.</summary>
    public ReadOnlyMemory<byte> Peek(long offset, int count)
    {
        count = (int)Math.Min(count, Math.Max(0, Length - offset));
        if (offset >= _bufferStart && offset + count <= _bufferStart + _bufferCount)
        {
            return _buffer.AsMemory((int)(offset - _bufferStart), count);
        }
        if (count > _buffer.Length)
        {
            _buffer = new byte[Math.Max(count, _buffer.Length * 2)];
        }
        var want = (int)Math.Min(_buffer.Length, Length - offset);
        var filled = 0;
        while (filled < want)
        {
            var n = RandomAccess.Read(_handle, _buffer.AsSpan(filled, want - filled), offset + filled);
            if (n == 0)
            {
                break;
            }
            filled += n;
        }
        _bufferStart = offset;
        _bufferCount = filled;
        return _buffer.AsMemory(0, Math.Min(count, filled));
    }

    /// <summary>Reads into <paramref name="destination"/> without disturbing the buffer; returns bytes read.</summary>
    public int ReadAt(long offset, Span<byte> destination)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            var n = RandomAccess.Read(_handle, destination[filled..], offset + filled);
            if (n == 0)
            {
                break;
            }
            filled += n;
        }
        return filled;
    }

    public void Dispose() => _handle.Dispose();
}
