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
    private readonly List<GaugeSlot> _gauges = [];
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
        foreach (var name in MetricCatalog.PercentileSummarySets)
        {
            _sets.Add(name, new MetricSummarySet(name, _meter.CreateHistogram<long>(name), percentiles: true));
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
    /// Adds a gauge read by <paramref name="read"/> (a long, a double or a string; null while the figure does not apply,
    /// as a leader-only figure on a follower: it is then left out). Numeric gauges are also observable gauges of the
    /// Meter; their callbacks run on the collector's thread and read the server's counts racily.
    /// </summary>
    /// <exception cref="ArgumentException">A figure of that name exists (<see cref="BindGauge"/> rebinds one).</exception>
    public void AddGauge(string name, Func<object?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_gauges.Exists(g => g.Name == name) || _counters.ContainsKey(name) || _summaries.ContainsKey(name) || _sets.ContainsKey(name))
        {
            throw new ArgumentException($"a figure named {name} already exists", nameof(name));
        }
        BindGauge(name, read);
    }

    /// <summary>
    /// Adds the gauge <paramref name="name"/>, or points an existing one at <paramref name="read"/>: an ensemble
    /// member keeps one set of figures for its life (counters and summaries go on across elections, as ZooKeeper's
    /// do), and each role's server binds the gauges to its own state.
    /// </summary>
    public void BindGauge(string name, Func<object?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var slot = _gauges.Find(g => g.Name == name);
        if (slot is not null)
        {
            slot.Read = read;
            return;
        }
        slot = new GaugeSlot(name, read);
        _gauges.Add(slot);
        if (read() is not string)
        {
            _meter.CreateObservableGauge(name, () => slot.Read() is { } value and not string
                ? [new Measurement<double>(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture))]
                : Array.Empty<Measurement<double>>());
        }
    }

    /// <summary>Reads every figure: gauges in the order added, then counters, then summaries (catalog order).</summary>
    public IReadOnlyList<MetricSample> Read()
    {
        var samples = new List<MetricSample>(_gauges.Count + _counters.Count + _summaries.Count);
        foreach (var gauge in _gauges)
        {
            if (gauge.Read() is { } value)
            {
                samples.Add(new MetricSample(gauge.Name, MetricKind.Gauge, value, default));
            }
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
                var kind = set.HasPercentiles ? MetricKind.PercentileSummary : MetricKind.Summary;
                samples.Add(new MetricSample($"{key}_{set.Name}", kind, null, values) { Family = set.Name, Key = key });
            }
        }
        return samples;
    }

    /// <summary>Disposes the Meter (its instruments stop reporting).</summary>
    public void Dispose() => _meter.Dispose();

    /// <summary>A gauge's name and where it reads from now.</summary>
    private sealed class GaugeSlot(string name, Func<object?> read)
    {
        public string Name { get; } = name;

        public Func<object?> Read { get; set; } = read;
    }
}
