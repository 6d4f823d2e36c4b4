using System.Globalization;
using System.Text;

namespace ZkNet.LoadGen.Reporting;

/// <summary>The human-readable form of a <see cref="RunResult"/>.</summary>
internal static class ResultText
{
    public static string Format(RunResult r)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var watches = (r.Watch ? " watch" : "") + (r.Watchers > 0 ? $" watchers={r.Watchers}" : "");
        text.AppendLine(c, $"{r.Label ?? "server"} {r.Target}  workload={r.Workload} mode={r.Mode} connections={r.Connections} window={r.Window} value={r.ValueSize}B{watches}");
        text.AppendLine(c, $"  throughput  {r.OpsPerSecond,12:N0} ops/s   ({r.Operations:N0} ops in {r.MeasuredSeconds:F2} s after {r.WarmupOperations:N0} warm-up ops)");
        var l = r.LatencyMs;
        text.AppendLine(c, $"  latency ms  p50 {l.P50:F3}  p90 {l.P90:F3}  p99 {l.P99:F3}  p99.9 {l.P999:F3}  max {l.Max:F3}  mean {l.Mean:F3}");
        var byCode = r.Errors > 0 ? "  " + string.Join(", ", r.ErrorsByCode.Select(e => $"{e.Key}: {e.Value:N0}")) : "";
        text.AppendLine(c, $"  errors      {r.Errors:N0}{byCode}");
        if (r.Watch || r.Watchers > 0)
        {
            text.AppendLine(c, $"  watch events {r.Notifications:N0}");
        }
        if (r.Server is { } s)
        {
            text.AppendLine(c, $"  server pid {s.Pid}: cpu {s.CpuSeconds:F2} s = {s.CpuMicrosPerOp:F1} us/op ({s.CpuCores:F2} cores)  rss {s.RssMiB:F1} MiB (peak {s.PeakRssMiB:F1} MiB)");
        }
        if (r.ServerFsyncs is { } fsyncs)
        {
            var per = r.TxnsPerFsync is { } t ? $" = {t:F2} write txns per fsync" : "";
            text.AppendLine(c, $"  server fsyncs {fsyncs:N0} ({r.ServerFsyncsPerSecond:N1}/s){per}");
        }
        text.AppendLine(c, $"  load generator cpu {r.ClientCpuSeconds:F2} s");
        if (r.Failure is not null)
        {
            text.AppendLine(c, $"  FAILURE: {r.Failure}");
        }
        return text.ToString();
    }
}
