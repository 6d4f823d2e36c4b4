using System.Buffers.Binary;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Reads Jute values from a stream as they arrive, nothing read ahead: quorum SASL's auth packets, exchanged before
/// the connection's buffered reader (<see cref="QuorumInput"/>) takes the stream over. Every length is checked against
/// a limit before anything is allocated.
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

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
    }
}
