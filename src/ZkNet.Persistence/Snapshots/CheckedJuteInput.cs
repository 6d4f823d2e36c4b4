using System.Buffers.Binary;
using System.Text;
using ZkNet.Persistence.Checksums;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// Reads Jute values from a stream while keeping the Adler-32 of every byte consumed (java.util.zip
/// CheckedInputStream under a BinaryInputArchive), so a seal can be checked against exactly what came before it.
/// </summary>
internal sealed class CheckedJuteInput
{
    private readonly Stream _stream;
    private readonly string _name;
    private readonly int _maxLength;
    private readonly bool _readAhead;
    private byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _count;
    // Bytes before _position from _summed on are consumed but not yet in _adler: summing a whole buffer at a time
    // instead of each field (some 15 per node) cut the per-call overhead.
    private int _summed;
    private Adler32 _adler;

    /// <summary>
    /// Reads from <paramref name="stream"/>, refusing strings, buffers and vectors longer than <paramref name="maxLength"/>.
    /// With <paramref name="readAhead"/> (a file) the stream is read in pieces as large as the buffer; without, each
    /// read asks for exactly the bytes missing, so a stream that carries more after the snapshot (a leader's
    /// connection) is left just after it.
    /// </summary>
    public CheckedJuteInput(Stream stream, string name, int maxLength, bool readAhead = true)
    {
        _stream = stream;
        _name = name;
        _maxLength = maxLength;
        _readAhead = readAhead;
    }

    /// <summary>Adler-32 of everything consumed so far.</summary>
    public long Checksum
    {
        get
        {
            SumConsumed();
            return _adler.Value;
        }
    }

    /// <summary>Bytes consumed so far (uncompressed).</summary>
    public long Consumed { get; private set; }

    public bool AtEnd => !Fill(1);

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string? ReadString()
    {
        var length = ReadLength("string");
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    public byte[]? ReadBuffer()
    {
        var length = ReadLength("buffer");
        return length < 0 ? null : Take(length).ToArray();
    }

    public IReadOnlyList<Acl> ReadAclVector()
    {
        var count = ReadInt();
        if (count < -1 || count > _maxLength)
        {
            throw Corrupt($"ACL vector length {count}");
        }
        // A corrupt count must not size the list: it grows as entries really arrive.
        var list = new List<Acl>(Math.Clamp(count, 0, 64));
        for (var i = 0; i < count; i++)
        {
            var perms = ReadInt();
            list.Add(new Acl(perms, new Id(ReadString() ?? "", ReadString() ?? "")));
        }
        return list;
    }

    public SnapshotCorruptException Corrupt(string what) =>
        new($"snapshot {_name} is corrupt at uncompressed offset {Consumed}: {what}");

    private int ReadLength(string kind)
    {
        var length = ReadInt();
        if (length < -1 || length > _maxLength)
        {
            throw Corrupt($"{kind} length {length}");
        }
        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (!Fill(count))
        {
            throw Corrupt($"truncated: needed {count} more bytes");
        }
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        Consumed += count;
        return span;
    }

    private void SumConsumed()
    {
        _adler.Update(_buffer.AsSpan(_summed, _position - _summed));
        _summed = _position;
    }

    private bool Fill(int count)
    {
        if (_count - _position >= count)
        {
            return true;
        }
        SumConsumed();
        if (count > _buffer.Length)
        {
            var larger = new byte[Math.Max(count, _buffer.Length * 2)];
            _buffer.AsSpan(_position, _count - _position).CopyTo(larger);
            _buffer = larger;
        }
        else
        {
            _buffer.AsSpan(_position, _count - _position).CopyTo(_buffer);
        }
        _count -= _position;
        _position = 0;
        _summed = 0;
        while (_count < count)
        {
            int n;
            try
            {
                n = _stream.Read(_buffer, _count, (_readAhead ? _buffer.Length : count) - _count);
            }
            catch (InvalidDataException e)
            {
                // gzip and snappy report a damaged stream this way.
                throw new SnapshotCorruptException($"snapshot {_name} does not decompress: {e.Message}", e);
            }
            if (n == 0)
            {
                return false;
            }
            _count += n;
        }
        return true;
    }
}
