using System.Diagnostics.Metrics;
using ZkNet.Server.Metrics;

namespace ZkNet.Admin.Tests.Metrics;

/// <summary>The metrics registry on its own: summaries, percentiles, the Meter view, and refusals.</summary>
public sealed class ServerMetricsTests
{
    [Fact]
    public void A_summary_reports_count_sum_min_max_average_and_percentiles()
    {
        using var metrics = new ServerMetrics();
        var summary = metrics.Summary("readlatency");
        for (var i = 1; i <= 1000; i++)
        {
            summary.Record(i);
        }
        var v = summary.Read();
        Assert.Equal((1000, 500_500, 1, 1000), (v.Count, v.Sum, v.Min, v.Max));
        Assert.Equal(500.5, v.Average);
        Assert.Equal((500, 950, 990, 999), (v.P50, v.P95, v.P99, v.P999));
    }

    [Fact]
    public void Percentiles_stay_close_when_more_values_arrive_than_the_sample_holds()
    {
        using var metrics = new ServerMetrics();
        var summary = metrics.Summary("updatelatency");
        for (var i = 0; i < 100_000; i++)
        {
            summary.Record(i % 100);
        }
        var v = summary.Read();
        Assert.Equal(100_000, v.Count);
        Assert.InRange(v.P50, 45, 55);
        Assert.InRange(v.P99, 97, 99);
    }

    [Fact]
    public void An_empty_summary_reports_zeros_as_ZooKeeper_does()
    {
        using var metrics = new ServerMetrics();
        Assert.Equal(default, metrics.Summary("fsynctime").Read());
        Assert.Equal(0.0, metrics.Summary("fsynctime").Read().Average);
    }

    [Fact]
    public void Unknown_names_and_duplicate_gauges_are_refused()
    {
        using var metrics = new ServerMetrics();
        Assert.Contains("no counter named nope", Assert.Throws<KeyNotFoundException>(() => metrics.Counter("nope")).Message);
        Assert.Throws<KeyNotFoundException>(() => metrics.Summary("nope"));
        metrics.AddGauge("znode_count", () => 5L);
        Assert.Throws<ArgumentException>(() => metrics.AddGauge("znode_count", () => 6L));
        Assert.Throws<ArgumentException>(() => metrics.AddGauge("snap_count", () => 6L));
    }

    [Fact]
    public void The_Meter_publishes_the_same_counter_gauge_and_recordings()
    {
        using var metrics = new ServerMetrics();
        metrics.AddGauge("znode_count", () => 42L);
        metrics.Counter("snap_count").Add(3);
        var seen = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, _, _) => seen[i.Name] = seen.GetValueOrDefault(i.Name) + value);
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => seen[i.Name] = value);
        listener.Start();
        metrics.Summary("fsynctime").Record(7);
        listener.RecordObservableInstruments();
        Assert.Equal(3, seen["snap_count"]);
        Assert.Equal(42, seen["znode_count"]);
        Assert.Equal(7, seen["fsynctime"]);
    }
}
