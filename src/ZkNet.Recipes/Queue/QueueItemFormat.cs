using System.Buffers.Binary;

namespace ZkNet.Recipes.Queue;

/// <summary>
/// The data of one queue node as Curator's ItemSerializer writes it, so Curator's DistributedQueue reads ZkNet's items
/// and the reverse: a 4-byte version (65537), then per item an opcode byte 1, a 4-byte length and the bytes, then an
/// end opcode 2 (all integers big-endian, as Java's DataOutputStream).
/// </summary>
internal static class QueueItemFormat
{
    private const int Version = 65537;
    private const byte ItemOpcode = 1;
    private const byte EndOpcode = 2;

    public static byte[] Encode(IReadOnlyList<byte[]> items)
    {
        var buffer = new byte[4 + items.Sum(i => 5 + i.Length) + 1];
        BinaryPrimitives.WriteInt32BigEndian(buffer, Version);
        var at = 4;
        foreach (var item in items)
        {
            buffer[at++] = ItemOpcode;
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), item.Length);
            at += 4;
            item.CopyTo(buffer, at);
            at += item.Length;
        }
        buffer[at] = EndOpcode;
        return buffer;
    }

    public static List<byte[]> Decode(byte[] data)
    {
        if (data.Length < 5 || BinaryPrimitives.ReadInt32BigEndian(data) != Version)
        {
            throw new FormatException("not a Curator queue item (wrong version)");
        }
        var items = new List<byte[]>();
        var at = 4;
        while (at < data.Length && data[at] == ItemOpcode)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at + 1));
            at += 5;
            if (length < 0 || at + length > data.Length)
            {
                throw new FormatException("a queue item runs past the node's data");
            }
            items.Add(data.AsSpan(at, length).ToArray());
            at += length;
        }
        if (at >= data.Length || data[at] != EndOpcode)
        {
            throw new FormatException("a queue node's data does not end with the end opcode");
        }
        return items;
    }
}
