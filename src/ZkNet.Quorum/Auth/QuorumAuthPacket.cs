using System.Buffers;
using System.Buffers.Binary;
using ZkNet.Protocol.Jute;
using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Auth;

/// <summary>
/// One message of quorum SASL, ZooKeeper's QuorumAuthPacket record (zookeeper.jute: long magic, int status, buffer
/// token), written raw on the election or quorum connection before anything else of the learner's (docs/ensemble.md,
/// "Quorum SASL"). The magic tells an accepting member that the connection opens with authentication.
/// </summary>
/// <param name="Status">The exchange's state; any value other than the three known is read as an error.</param>
/// <param name="Token">The SASL token; null (length -1 on the wire) when there is none.</param>
public sealed record QuorumAuthPacket(QuorumAuthStatus Status, byte[]? Token)
{
    /// <summary>
    /// ZooKeeper's QUORUM_AUTH_MAGIC_NUMBER, written in Java as -0xa0dbcafecafe1234L: the negation of a negative long,
    /// so 0x5F2435013501EDCC (positive, despite the comment beside it in QuorumAuth.java).
    /// </summary>
    public const long Magic = unchecked(-(long)0xa0dbcafecafe1234UL);

    /// <summary>
    /// The largest token read. DIGEST-MD5's challenge is at most 2 KB and its response 4 KB (RFC 2831 §2.1.1,
    /// §2.1.2); a longer length is refused before anything is allocated.
    /// </summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The packet's bytes: magic, status, token.</summary>
    public byte[] Encode()
    {
        var output = new ArrayBufferWriter<byte>(16 + (Token?.Length ?? 0));
        var writer = new JuteWriter(output);
        writer.WriteLong(Magic);
        writer.WriteInt((int)Status);
        writer.WriteBuffer(Token);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Whether <paramref name="first"/>, the first 8 bytes a connection carries, are the auth magic.</summary>
    public static bool StartsWithMagic(ReadOnlySpan<byte> first) => first.Length >= 8 && BinaryPrimitives.ReadInt64BigEndian(first) == Magic;

    /// <summary>Reads one packet, magic included.</summary>
    /// <exception cref="InvalidDataException">The magic is wrong or the token's length out of range.</exception>
    /// <exception cref="EndOfStreamException">The stream ended within the packet.</exception>
    public static async Task<QuorumAuthPacket> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new JuteStreamReader(stream, MaxTokenLength);
        var magic = await reader.ReadLongAsync(cancellationToken).ConfigureAwait(false);
        if (magic != Magic)
        {
            throw new InvalidDataException($"not a quorum auth packet (magic 0x{magic:x16})");
        }
        return await ReadAfterMagicAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the rest of a packet whose magic has been read already.</summary>
    /// <exception cref="InvalidDataException">The token's length is out of range.</exception>
    /// <exception cref="EndOfStreamException">The stream ended within the packet.</exception>
    public static async Task<QuorumAuthPacket> ReadAfterMagicAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new JuteStreamReader(stream, MaxTokenLength);
        var status = await reader.ReadIntAsync(cancellationToken).ConfigureAwait(false);
        var token = await reader.ReadBufferAsync(cancellationToken).ConfigureAwait(false);
        return new QuorumAuthPacket((QuorumAuthStatus)status, token);
    }

    /// <summary>Writes the packet and flushes it.</summary>
    public async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await stream.WriteAsync(Encode(), cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
