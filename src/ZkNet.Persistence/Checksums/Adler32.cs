namespace ZkNet.Persistence.Checksums;

/// <summary>
/// Incremental Adler-32 (RFC 1950), the checksum ZooKeeper puts in front of every txn log record and at the end of
/// every snapshot (java.util.zip.Adler32). Java exposes it as a long holding the unsigned 32-bit value, and that
/// long is what goes on disk.
/// </summary>
public struct Adler32
{
    private const uint Modulus = 65521;

    // The largest n for which 255n(n+1)/2 + (n+1)(Modulus-1) fits in 32 bits: sums may be deferred this long.
    private const int MaxDeferred = 5552;

    private uint _a;
    private uint _b;
    private bool _started;

    /// <summary>The checksum of everything fed so far (1 for nothing, as Java reports it).</summary>
    public readonly long Value => _started ? ((long)_b << 16) | _a : 1;

    /// <summary>Computes the checksum of <paramref name="data"/> in one call.</summary>
    public static long Compute(ReadOnlySpan<byte> data)
    {
        var adler = default(Adler32);
        adler.Update(data);
        return adler.Value;
    }

    /// <summary>Feeds more bytes.</summary>
    public void Update(ReadOnlySpan<byte> data)
    {
        if (!_started)
        {
            _a = 1;
            _b = 0;
            _started = true;
        }
        var a = _a;
        var b = _b;
        while (data.Length > 0)
        {
            var n = Math.Min(data.Length, MaxDeferred);
            foreach (var value in data[..n])
            {
                a += value;
                b += a;
            }
            a %= Modulus;
            b %= Modulus;
            data = data[n..];
        }
        _a = a;
        _b = b;
    }
}
