using System.Numerics;

namespace ZkNet.LoadGen.Measurement;

/// <summary>
/// A log-linear histogram of nanosecond values: exact below 128 ns, then 64 buckets per power of two, so any
/// recorded value is reported within 1/64 (1.6 %) of itself, from 1 ns to beyond an hour, in a fixed 19 KB.
/// One per connection (no locking); merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    // Values up to 2^42 ns (about 73 minutes); anything larger is clamped to the top bucket.
    private const int MaxShift = 42 - SubBucketBits;
    private const int BucketCount = (MaxShift + 2) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    public double Sum { get; private set; }

    public void Record(long nanoseconds)
    {
        var value = Math.Max(0, nanoseconds);
        _counts[IndexOf(value)]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>The value at quantile <paramref name="q"/> (0..1): the midpoint of the bucket holding that rank.</summary>
    public long ValueAt(double q)
    {
        if (Count == 0)
        {
            return 0;
        }
        // The rank of the smallest value that at least q of all values do not exceed.
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(Midpoint(i), Min, Max);
            }
        }
        return Max;
    }

    internal static int IndexOf(long value)
    {
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value | 1);
        var shift = Math.Min(Math.Max(0, msb - (SubBucketBits)), MaxShift);
        var top = Math.Min(value >> shift, (2 * SubBuckets) - 1);
        return (shift * SubBuckets) + (int)top;
    }

    internal static long LowerBound(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }
        var shift = (index / SubBuckets) - 1;
        var top = index - (shift * SubBuckets);
        return (long)top << shift;
    }

    private static long Midpoint(int index)
    {
        if (index < 2 * SubBuckets)
        {
            return index;
        }
        var shift = (index / SubBuckets) - 1;
        return LowerBound(index) + ((1L << shift) / 2);
    }
}
