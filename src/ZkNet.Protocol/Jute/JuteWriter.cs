using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZkNet.Protocol.Jute;

/// <summary>
/// Writes Jute-encoded values into an <see cref="IBufferWriter{T}"/> (a PipeWriter, a <see cref="Framing.FrameBuffer"/>),
/// big-endian, with strings and buffers length-prefixed and null written as length -1.
/// </summary>
public readonly ref struct JuteWriter
{
    private readonly IBufferWriter<byte> _output;

    /// <summary>Creates a writer appending to <paramref name="output"/>.</summary>
    public JuteWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>Writes a Jute int.</summary>
    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        _output.Advance(4);
    }

    /// <summary>Writes a Jute long.</summary>
    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        _output.Advance(8);
    }

    /// <summary>Writes a Jute boolean as one byte.</summary>
    public void WriteBool(bool value)
    {
        _output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _output.Advance(1);
    }

    /// <summary>Writes a Jute ustring; null is written as length -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var span = _output.GetSpan(4 + byteCount);
        BinaryPrimitives.WriteInt32BigEndian(span, byteCount);
        Encoding.UTF8.GetBytes(value, span[4..]);
        _output.Advance(4 + byteCount);
    }

    /// <summary>Writes a Jute buffer; null is written as length -1.</summary>
    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }
        WriteBuffer(value.AsSpan());
    }

    /// <summary>Writes a Jute buffer from a span (never null).</summary>
    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        var span = _output.GetSpan(4 + value.Length);
        BinaryPrimitives.WriteInt32BigEndian(span, value.Length);
        value.CopyTo(span[4..]);
        _output.Advance(4 + value.Length);
    }

    /// <summary>Writes a vector of ustrings; null is written as length -1.</summary>
    public void WriteStringVector(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }
        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            WriteString(values[i]);
        }
    }

    /// <summary>Writes raw bytes without a length prefix.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }
}
