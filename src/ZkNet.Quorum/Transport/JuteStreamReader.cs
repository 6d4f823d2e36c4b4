using System.Buffers.Binary;
using System.Text;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Reads Jute values from a stream as they arrive (the quorum port has no frame lengths: packets are read field by
/// field). Every length is checked against a limit before anything is allocated.
/// </summary>
internal sealed class JuteStreamReader(Stream stream, int maxLength)
{
    private readonly byte[] _scratch = new byte[8];

    public async ValueTask<int> ReadIntAsync(CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(_scratch.AsMemory(0, 4), cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt32BigEndian(_scratch);
    }

    public async ValueTask<long> ReadLongAsync(CancellationToken cancellationToken)
    {
        await ReadExactlyAsync(_scratch.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
        return BinaryPrimitives.ReadInt64BigEndian(_scratch);
    }

    /// <summary>A Jute buffer: null for length -1.</summary>
    public async ValueTask<byte[]?> ReadBufferAsync(CancellationToken cancellationToken)
    {
        var length = await ReadIntAsync(cancellationToken).ConfigureAwait(false);
        if (length == -1)
        {
            return null;
        }
        if (length < 0 || length > maxLength)
        {
            throw new InvalidDataException($"buffer length {length} out of range (limit {maxLength})");
        }
        var bytes = new byte[length];
        await ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>A Jute ustring: null for length -1.</summary>
    public async ValueTask<string?> ReadStringAsync(CancellationToken cancellationToken) =>
        await ReadBufferAsync(cancellationToken).ConfigureAwait(false) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
