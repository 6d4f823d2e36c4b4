using System.Globalization;
using System.Text;
using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen.Compare;

/// <summary>Builds the summary rows (medians over the repeats) and prints them as a table.</summary>
internal static class CompareTable
{
    private static readonly (string Name, string Better, Func<RunResult, double?> Get)[] Figures =
    [
        ("ops/s", "higher", r => r.OpsPerSecond),
        ("p50 ms", "lower", r => r.LatencyMs.P50),
        ("p99 ms", "lower", r => r.LatencyMs.P99),
        ("p99.9 ms", "lower", r => r.LatencyMs.P999),
        ("server cpu us/op", "lower", r => r.Server?.CpuMicrosPerOp),
        ("server rss MiB", "lower", r => r.Server?.RssMiB),
        ("server fsyncs/s", "-", r => r.ServerFsyncsPerSecond),
        ("write txns/fsync", "higher", r => r.TxnsPerFsync),
        ("errors", "lower", r => r.Errors),
    ];

    public static List<CompareRow> Summarize(IReadOnlyList<RunResult> runs, string baseline, string candidate)
    {
        var rows = new List<CompareRow>();
        foreach (var group in runs.GroupBy(r => (r.Workload, r.Mode)))
        {
            foreach (var (name, better, get) in Figures)
            {
                if (group.All(r => get(r) is null))
                {
                    // e.g. fsync counts without perf, or txns per fsync of a read workload.
                    continue;
                }
                var a = Median(group.Where(r => r.Label == baseline && r.Failure is null).Select(get));
                var b = Median(group.Where(r => r.Label == candidate && r.Failure is null).Select(get));
                double? ratio = a is > 0 && b is not null ? Math.Round(b.Value / a.Value, 3) : null;
                rows.Add(new CompareRow(group.Key.Workload, group.Key.Mode, name, better, a, b, ratio));
            }
        }
        return rows;
    }

    public static string Format(IReadOnlyList<CompareRow> rows, string baseline, string candidate)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var ratioTitle = $"{candidate}/{baseline}";
        text.AppendLine(c, $"{"workload",-22} {"figure",-17} {baseline,12} {candidate,12} {ratioTitle,14}  better");
        text.AppendLine(new string('-', 22 + 1 + 17 + 1 + 12 + 1 + 12 + 1 + 14 + 8));
        string? last = null;
        foreach (var row in rows)
        {
            var workload = $"{row.Workload} ({row.Mode})";
            var shown = workload == last ? "" : workload;
            last = workload;
            var ratio = row.Ratio is { } r ? r.ToString("F3", c) : "-";
            text.AppendLine(c, $"{shown,-22} {row.Figure,-17} {Number(row.Baseline),12} {Number(row.Candidate),12} {ratio,14}  {row.Better}");
        }
        return text.ToString();
    }

    private static string Number(double? number) =>
        number is not { } value ? "-"
        : value >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
