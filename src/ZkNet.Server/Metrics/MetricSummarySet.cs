using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ZkNet.Server.Metrics;

/// <summary>
/// A summary per key (ZooKeeper's summary set): read_per_namespace keeps one per top-level node. mntr prints each as
/// avg_&lt;key&gt;_&lt;name&gt;...; Prometheus as one family with a key label. The Meter sees one histogram tagged by key.
/// </summary>
public sealed class MetricSummarySet
{
    private readonly ConcurrentDictionary<string, MetricSummary> _byKey = new(StringComparer.Ordinal);
    private readonly Histogram<long> _histogram;

    internal MetricSummarySet(string name, Histogram<long> histogram, bool percentiles = false)
    {
        Name = name;
        _histogram = histogram;
        HasPercentiles = percentiles;
    }

    /// <summary>Whether each key's summary keeps p50/p95/p99/p999 too.</summary>
    public bool HasPercentiles { get; }

    /// <summary>ZooKeeper's name for it.</summary>
    public string Name { get; }

    /// <summary>Records <paramref name="value"/> under <paramref name="key"/>.</summary>
    public void Record(string key, long value)
    {
        _byKey.GetOrAdd(key, k => new MetricSummary(k, HasPercentiles, histogram: null)).Record(value);
        _histogram.Record(value, new KeyValuePair<string, object?>("key", key));
    }

    /// <summary>Every key's summary, in key order.</summary>
    public IEnumerable<(string Key, SummaryValues Values)> Read() =>
        _byKey.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value.Read()));
}
