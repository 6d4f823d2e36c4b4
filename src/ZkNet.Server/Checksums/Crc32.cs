namespace ZkNet.Server.Checksums;

/// <summary>
/// CRC-32 with the IEEE polynomial (java.util.zip.CRC32, zlib's crc32), which ZooKeeper's DigestCalculator uses
/// for each node's digest.
/// </summary>
public static class Crc32
{
    // Slicing-by-8 (Intel's method, as zlib uses): eight tables let the loop take eight bytes per step, several
    // times faster than a byte at a time; the tree digest runs a CRC over every changed node on each write.
    private static readonly uint[][] Tables = BuildTables();

    /// <summary>Starts a running CRC (pass the result to <see cref="Update"/> and finish with <see cref="Finish"/>).</summary>
    public const uint Initial = 0xFFFFFFFF;

    /// <summary>Feeds bytes to a running CRC.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        var t0 = t[0];
        while (data.Length >= 8)
        {
            var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[7][low & 0xFF] ^ t[6][(low >> 8) & 0xFF] ^ t[5][(low >> 16) & 0xFF] ^ t[4][low >> 24]
                ^ t[3][high & 0xFF] ^ t[2][(high >> 8) & 0xFF] ^ t[1][(high >> 16) & 0xFF] ^ t0[high >> 24];
            data = data[8..];
        }
        foreach (var value in data)
        {
            crc = t0[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    /// <summary>The final value of a running CRC, as Java's getValue() reports it.</summary>
    public static long Finish(uint crc) => ~crc;

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static long Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    private static uint[][] BuildTables()
    {
        var tables = new uint[8][];
        for (var n = 0; n < 8; n++)
        {
            tables[n] = new uint[256];
        }
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            tables[0][i] = c;
        }
        for (var i = 0; i < 256; i++)
        {
            for (var n = 1; n < 8; n++)
            {
                tables[n][i] = (tables[n - 1][i] >> 8) ^ tables[0][tables[n - 1][i] & 0xFF];
            }
        }
        return tables;
    }
}
