using System.Buffers.Binary;
using System.Text;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Quorum.Election;

/// <summary>
/// What the side that opens an election connection writes first (QuorumCnxManager's handshake): protocol version
/// -65536, its sid, and its own election address as text. Nothing is answered. docs/quorum-protocol.md §1.2.
/// </summary>
/// <param name="Sid">The initiator's server id.</param>
/// <param name="Addresses">The election addresses it listens on (one for protocol V1).</param>
public sealed record InitialMessage(long Sid, IReadOnlyList<HostPort> Addresses)
{
    /// <summary>Protocol version 1: one address (what 3.8 sends unless multi-address is enabled).</summary>
    public const long ProtocolVersion1 = -65536;

    /// <summary>Protocol version 2: several pipe-separated addresses.</summary>
    public const long ProtocolVersion2 = -65535;

    /// <summary>The longest address text accepted.</summary>
    public const int MaxAddressLength = 2048;

    /// <summary>The handshake bytes (protocol V1, the first address).</summary>
    public byte[] Encode()
    {
        var address = Encoding.ASCII.GetBytes(Addresses[0].ToString());
        var bytes = new byte[20 + address.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ProtocolVersion1);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), Sid);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), address.Length);
        address.CopyTo(bytes, 20);
        return bytes;
    }

    /// <summary>
    /// Reads a handshake from the start of <paramref name="data"/>. Returns the bytes it took, 0 when more are
    /// needed, or -1 (with <paramref name="error"/>) when ZooKeeper would close the connection. A first long of 0 or
    /// more is a pre-3.5 peer's bare sid.
    /// </summary>
    public static int TryRead(ReadOnlySpan<byte> data, out InitialMessage? message, out string? error)
    {
        message = null;
        error = null;
        if (data.Length < 8)
        {
            return 0;
        }
        var first = BinaryPrimitives.ReadInt64BigEndian(data);
        if (first >= 0)
        {
            message = new InitialMessage(first, []);
            return 8;
        }
        if (first is not (ProtocolVersion1 or ProtocolVersion2))
        {
            error = $"unknown protocol version {first}";
            return -1;
        }
        if (data.Length < 20)
        {
            return 0;
        }
        var sid = BinaryPrimitives.ReadInt64BigEndian(data[8..]);
        var length = BinaryPrimitives.ReadInt32BigEndian(data[16..]);
        if (length is <= 0 or > MaxAddressLength)
        {
            error = $"unreasonable address length {length} from sid {sid}";
            return -1;
        }
        if (data.Length < 20 + length)
        {
            return 0;
        }
        var text = Encoding.ASCII.GetString(data.Slice(20, length));
        var addresses = new List<HostPort>();
        foreach (var part in text.Split('|'))
        {
            if (HostPort.TryParse(part) is not { } address)
            {
                error = $"'{part}' from sid {sid} is not host:port";
                return -1;
            }
            if (address.Host is not ("0.0.0.0" or "::"))
            {
                addresses.Add(address);
            }
        }
        message = new InitialMessage(sid, addresses);
        return 20 + length;
    }
}
