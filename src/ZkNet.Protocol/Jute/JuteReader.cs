using System.Buffers.Binary;
using System.Text;

namespace ZkNet.Protocol.Jute;

/// <summary>
/// Reads Jute-encoded values (ZooKeeper's record serialization: big-endian ints and longs, length-prefixed
/// UTF-8 strings and byte buffers, where length -1 means null) from a span without allocating except for
/// the strings and buffers it returns.
/// </summary>
public ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>, starting at its first byte.</summary>
    public JuteReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>The bytes not yet consumed.</summary>
    public readonly ReadOnlySpan<byte> RemainingSpan => _buffer[_position..];

    /// <summary>Reads a Jute int (4 bytes, big-endian).</summary>
    public int ReadInt()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(4));
        return value;
    }

    /// <summary>Reads a Jute long (8 bytes, big-endian).</summary>
    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    /// <summary>Reads a Jute boolean (one byte, non-zero is true).</summary>
    public bool ReadBool() => Take(1)[0] != 0;

    /// <summary>Reads a Jute ustring; a length of -1 yields null.</summary>
    public string? ReadString()
    {
        var length = ReadInt();
        if (length < 0)
        {
            return length == -1 ? null : throw new JuteException($"negative string length {length}");
        }
        return Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Reads a Jute ustring, treating null as empty.</summary>
    public string ReadStringOrEmpty() => ReadString() ?? string.Empty;

    /// <summary>Reads a Jute buffer; a length of -1 yields null.</summary>
    public byte[]? ReadBuffer()
    {
        var length = ReadInt();
        if (length < 0)
        {
            return length == -1 ? null : throw new JuteException($"negative buffer length {length}");
        }
        return length == 0 ? [] : Take(length).ToArray();
    }

    /// <summary>Reads the element count of a Jute vector; -1 means a null vector.</summary>
    public int ReadVectorLength()
    {
        var length = ReadInt();
        if (length < -1)
        {
            throw new JuteException($"negative vector length {length}");
        }
        // Each element takes at least one byte, so a count beyond the remaining bytes is malformed; checking
        // here stops a hostile count from making the caller allocate a huge list.
        if (length > Remaining)
        {
            throw new JuteException($"vector length {length} exceeds the {Remaining} bytes left");
        }
        return length;
    }

    /// <summary>Reads a vector of ustrings; null when the encoded length is -1.</summary>
    public List<string>? ReadStringVector()
    {
        var count = ReadVectorLength();
        if (count < 0)
        {
            return null;
        }
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadStringOrEmpty());
        }
        return list;
    }

    /// <summary>Consumes <paramref name="count"/> raw bytes.</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _buffer.Length - _position)
        {
            throw new JuteException($"record truncated: needed {count} bytes at offset {_position}, {_buffer.Length - _position} left");
        }
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
