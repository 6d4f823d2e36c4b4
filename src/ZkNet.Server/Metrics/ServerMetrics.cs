using System.Diagnostics.Metrics;

namespace ZkNet.Server.Metrics;

/// <summary>
/// The one source of truth for a server's figures: every gauge, counter and summary under ZooKeeper's name, read by
/// mntr, the AdminServer's monitor command and the Prometheus endpoint alike, and published through a
/// <see cref="System.Diagnostics.Metrics.Meter"/> named <see cref="MeterName"/> so OpenTelemetry collectors see the same
/// figures. Counters and summaries are written from any thread; gauges are read when asked.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    /// <summary>The Meter's name, for <c>AddMeter</c> in OpenTelemetry or a <see cref="MeterListener"/>.</summary>
    public const string MeterName = "ZkNet.Server";

    private readonly Meter _meter;
    private readonly List<(string Name, Func<object> Read)> _gauges = [];
    private readonly Dictionary<string, MetricCounter> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MetricSummarySet> _sets = new(StringComparer.Ordinal);

    /// <summary>Registers every counter and summary of <see cref="MetricCatalog"/>; gauges are added by the owner.</summary>
    public ServerMetrics()
    {
        _meter = new Meter(MeterName);
        foreach (var name in MetricCatalog.Counters)
        {
            var counter = new MetricCounter(name);
            _counters.Add(name, counter);
            _meter.CreateObservableCounter(name, () => counter.Value);
        }
        foreach (var name in MetricCatalog.Summaries)
        {
            _summaries.Add(name, new MetricSummary(name, percentiles: false, _meter.CreateHistogram<long>(name)));
        }
        foreach (var name in MetricCatalog.PercentileSummaries)
        {
            _summaries.Add(name, new MetricSummary(name, percentiles: true, _meter.CreateHistogram<long>(name)));
        }
        foreach (var name in MetricCatalog.SummarySets)
        {
            _sets.Add(name, new MetricSummarySet(name, _meter.CreateHistogram<long>(name)));
        }
        ReadLatency = _summaries["readlatency"];
        UpdateLatency = _summaries["updatelatency"];
        ReadsPerNamespace = _sets["read_per_namespace"];
        WritesPerNamespace = _sets["write_per_namespace"];
    }

    /// <summary>readlatency (recorded for every read, so kept at hand).</summary>
    public MetricSummary ReadLatency { get; }

    /// <summary>updatelatency.</summary>
    public MetricSummary UpdateLatency { get; }

    /// <summary>read_per_namespace.</summary>
    public MetricSummarySet ReadsPerNamespace { get; }

    /// <summary>write_per_namespace.</summary>
    public MetricSummarySet WritesPerNamespace { get; }

    /// <summary>
    /// Log syncs slower than fsync.warningthresholdms: the AdminServer's fsync_threshold_exceed_count, which ZooKeeper
    /// keeps outside its metrics (mntr does not print it).
    /// </summary>
    public MetricCounter FsyncThresholdExceeded { get; } = new("fsync_threshold_exceed_count");

    /// <summary>The last snapshot sealed, or null before the first (set by whoever writes snapshots).</summary>
    public SnapshotInfo? LastSnapshot { get; set; }

    /// <summary>The Meter publishing these figures.</summary>
    public Meter Meter => _meter;

    /// <summary>The counter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such counter in <see cref="MetricCatalog.Counters"/>.</exception>
    public MetricCounter Counter(string name) => _counters.TryGetValue(name, out var c) ? c
        : throw new KeyNotFoundException($"no counter named {name}");

    /// <summary>The summary named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such summary in <see cref="MetricCatalog"/>.</exception>
    public MetricSummary Summary(string name) => _summaries.TryGetValue(name, out var s) ? s
        : throw new KeyNotFoundException($"no summary named {name}");

    /// <summary>The summary set named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such set in <see cref="MetricCatalog.SummarySets"/>.</exception>
    public MetricSummarySet SummarySet(string name) => _sets.TryGetValue(name, out var s) ? s
        : throw new KeyNotFoundException($"no summary set named {name}");

    /// <summary>
    /// Adds a gauge read by <paramref name="read"/> (a long, a double or a string). Numeric gauges are also observable
    /// gauges of the Meter; their callbacks run on the collector's thread and read the server's counts racily.
    /// </summary>
    public void AddGauge(string name, Func<object> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_gauges.Exists(g => g.Name == name) || _counters.ContainsKey(name) || _summaries.ContainsKey(name) || _sets.ContainsKey(name))
        {
            throw new ArgumentException($"a figure named {name} already exists", nameof(name));
        }
        _gauges.Add((name, read));
        if (read() is not string)
        {
            _meter.CreateObservableGauge(name, () => Convert.ToDouble(read(), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Reads every figure: gauges in the order added, then counters, then summaries (catalog order).</summary>
    public IReadOnlyList<MetricSample> Read()
    {
        var samples = new List<MetricSample>(_gauges.Count + _counters.Count + _summaries.Count);
        foreach (var (name, read) in _gauges)
        {
            samples.Add(new MetricSample(name, MetricKind.Gauge, read(), default));
        }
        foreach (var counter in _counters.Values)
        {
            samples.Add(new MetricSample(counter.Name, MetricKind.Counter, counter.Value, default));
        }
        foreach (var summary in _summaries.Values)
        {
            var kind = summary.HasPercentiles ? MetricKind.PercentileSummary : MetricKind.Summary;
            samples.Add(new MetricSample(summary.Name, kind, null, summary.Read()));
        }
        foreach (var set in _sets.Values)
        {
            foreach (var (key, values) in set.Read())
            {
                samples.Add(new MetricSample($"{key}_{set.Name}", MetricKind.Summary, null, values) { Family = set.Name, Key = key });
            }
        }
        return samples;
    }

    /// <summary>Disposes the Meter (its instruments stop reporting).</summary>
    public void Dispose() => _meter.Dispose();
}
