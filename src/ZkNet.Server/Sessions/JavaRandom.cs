namespace ZkNet.Server.Sessions;

/// <summary>
/// The 48-bit linear congruential generator that java.util.Random documents in its API specification. ZooKeeper
/// derives each session's password from it (seeded with the session id), so producing the same bytes lets a
/// client keep its session across a move between ZkNet and Apache ZooKeeper, and across restarts.
/// </summary>
internal struct JavaRandom
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;
    private long _seed;

    public JavaRandom(long seed) => _seed = (seed ^ Multiplier) & Mask;

    public int NextInt() => Next(32);

    public void NextBytes(Span<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            var random = NextInt();
            for (var n = Math.Min(bytes.Length - i, 4); n-- > 0; random >>= 8)
            {
                bytes[i++] = (byte)random;
            }
        }
    }

    private int Next(int bits)
    {
        _seed = ((_seed * Multiplier) + 0xBL) & Mask;
        return (int)((ulong)_seed >> (48 - bits));
    }
}
