using System.Globalization;
using System.Text;
using ZkNet.Server.Metrics;

namespace ZkNet.Admin.Prometheus;

/// <summary>
/// Writes the figures in Prometheus's text exposition format (0.0.4) under ZooKeeper's names, typed as ZooKeeper's
/// Prometheus provider types them: gauges, counters without a _total suffix, and summaries with _count and _sum (and
/// quantile 0.5, 0.9 and 0.99 samples for the summaries that keep percentiles). Written here rather than through an
/// exporter library because the figures already live in one registry, and the OpenTelemetry exporter renames counters
/// (_total, unit suffixes) and has no summary type, so ZooKeeper's dashboards would not find their series.
/// </summary>
public static class PrometheusText
{
    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The exposition of <paramref name="samples"/>; string gauges (version, server_state) are left out.</summary>
    public static string Write(IReadOnlyList<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sb = new StringBuilder(samples.Count * 120);
        var families = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in samples)
        {
            switch (s.Kind)
            {
                case MetricKind.Gauge when s.Value is not string:
                    Header(sb, s.Name, "gauge");
                    Sample(sb, s.Name, "", Convert.ToDouble(s.Value, CultureInfo.InvariantCulture));
                    break;
                case MetricKind.Counter:
                    Header(sb, s.Name, "counter");
                    Sample(sb, s.Name, "", Convert.ToDouble(s.Value, CultureInfo.InvariantCulture));
                    break;
                case MetricKind.Summary or MetricKind.PercentileSummary when s.Family is { } family:
                    // A summary set: one family, a key label per member (its header once, before the first member).
                    if (families.Add(family))
                    {
                        Header(sb, family, "summary");
                    }
                    Sample(sb, family + "_count", $"{{key=\"{s.Key}\"}}", s.Summary.Count);
                    Sample(sb, family + "_sum", $"{{key=\"{s.Key}\"}}", s.Summary.Sum);
                    break;
                case MetricKind.Summary or MetricKind.PercentileSummary:
                    Header(sb, s.Name, "summary");
                    if (s.Kind == MetricKind.PercentileSummary)
                    {
                        Sample(sb, s.Name, "{quantile=\"0.5\"}", s.Summary.P50);
                        Sample(sb, s.Name, "{quantile=\"0.9\"}", s.Summary.P90);
                        Sample(sb, s.Name, "{quantile=\"0.99\"}", s.Summary.P99);
                    }
                    Sample(sb, s.Name + "_count", "", s.Summary.Count);
                    Sample(sb, s.Name + "_sum", "", s.Summary.Sum);
                    break;
            }
        }
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, string name, string type) =>
        sb.Append("# HELP ").Append(name).Append(' ').Append(name).Append('\n')
          .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder sb, string name, string labels, double value) =>
        sb.Append(name).Append(labels).Append(' ').Append(value.ToString("0.0##############", CultureInfo.InvariantCulture)).Append('\n');
}
