using System.Diagnostics.Metrics;

namespace ZkNet.Server.Metrics;

/// <summary>
/// Count, sum, min and max of recorded values (ZooKeeper's avg/min/max counter), optionally with percentiles taken
/// from a uniform sample of the values (ZooKeeper's percentile counter samples the same way). Every value also goes
/// to the Meter's histogram of the same name, so OpenTelemetry collectors see the same recordings.
/// </summary>
public sealed class MetricSummary
{
    /// <summary>Values a percentile summary samples (a uniform reservoir; older values are replaced at random).</summary>
    public const int ReservoirSize = 4096;

    private readonly Lock _lock = new();
    private readonly long[]? _reservoir;
    private readonly Histogram<long>? _histogram;
    private long _count;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max = long.MinValue;
    private ulong _random = 0x9E3779B97F4A7C15;

    internal MetricSummary(string name, bool percentiles, Histogram<long>? histogram)
    {
        Name = name;
        _reservoir = percentiles ? new long[ReservoirSize] : null;
        _histogram = histogram;
    }

    /// <summary>ZooKeeper's name for it.</summary>
    public string Name { get; }

    /// <summary>Whether it reports p50/p95/p99/p999.</summary>
    public bool HasPercentiles => _reservoir is not null;

    /// <summary>Records one value.</summary>
    public void Record(long value)
    {
        lock (_lock)
        {
            if (_reservoir is not null)
            {
                // Vitter's algorithm R: the first values fill the reservoir, later ones replace a random slot with
                // probability size/count, so the sample stays uniform over everything recorded.
                if (_count < _reservoir.Length)
                {
                    _reservoir[_count] = value;
                }
                else
                {
                    var slot = (long)(NextRandom() % (ulong)(_count + 1));
                    if (slot < _reservoir.Length)
                    {
                        _reservoir[slot] = value;
                    }
                }
            }
            _count++;
            _sum += value;
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }
        _histogram?.Record(value);
    }

    /// <summary>Reads the summary (a consistent copy).</summary>
    public SummaryValues Read()
    {
        long[] sample;
        SummaryValues values;
        lock (_lock)
        {
            values = _count == 0 ? default : new SummaryValues(_count, _sum, _min, _max, 0, 0, 0, 0, 0);
            if (_reservoir is null || _count == 0)
            {
                return values;
            }
            sample = _reservoir.AsSpan(0, (int)Math.Min(_count, _reservoir.Length)).ToArray();
        }
        Array.Sort(sample);
        return values with
        {
            P50 = Quantile(sample, 0.5),
            P90 = Quantile(sample, 0.9),
            P95 = Quantile(sample, 0.95),
            P99 = Quantile(sample, 0.99),
            P999 = Quantile(sample, 0.999),
        };
    }

    /// <summary>Nearest-rank quantile of a sorted, non-empty sample.</summary>
    private static long Quantile(long[] sorted, double q) =>
        sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>xorshift64*: cheap, and the sample needs no cryptographic quality.</summary>
    private ulong NextRandom()
    {
        _random ^= _random >> 12;
        _random ^= _random << 25;
        _random ^= _random >> 27;
        return _random * 0x2545F4914F6CDD1D;
    }
}
