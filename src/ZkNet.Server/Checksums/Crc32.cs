namespace ZkNet.Server.Checksums;

/// <summary>
/// CRC-32 with the IEEE polynomial (java.util.zip.CRC32, zlib's crc32), which ZooKeeper's DigestCalculator uses
/// for each node's digest.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Starts a running CRC (pass the result to <see cref="Update"/> and finish with <see cref="Finish"/>).</summary>
    public const uint Initial = 0xFFFFFFFF;

    /// <summary>Feeds bytes to a running CRC.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var value in data)
        {
            crc = Table[(crc ^ value) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    /// <summary>The final value of a running CRC, as Java's getValue() reports it.</summary>
    public static long Finish(uint crc) => ~crc;

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static long Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
