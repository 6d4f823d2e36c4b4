using System.Globalization;
using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Options;
using ZkNet.Protocol;

namespace ZkNet.LoadGen.Reporting;

/// <summary>Turns a run's counts and samples into a <see cref="RunResult"/>.</summary>
internal static class RunResultBuilder
{
    private const double MiB = 1024.0 * 1024.0;

    public static RunResult Build(LoadOptions o, RunClock clock, WorkerStats totals, IReadOnlyList<WatcherWorker> watchers,
        ProcessSample? serverStart, ProcessSample? serverEnd, ProcessSample? clientStart, ProcessSample? clientEnd)
    {
        // The measured time runs from the start of measurement to the last measured reply (which includes the
        // drain of requests sent just before the end); with no reply at all, the planned duration.
        var measured = totals.Operations > 0 && totals.LastMeasuredReply > clock.MeasureStart
            ? RunClock.ToSeconds(totals.LastMeasuredReply - clock.MeasureStart)
            : o.Duration.TotalSeconds;
        ServerUsage? server = null;
        if (o.ServerPid is { } pid && serverStart is { } s0 && serverEnd is { } s1)
        {
            var cpu = s1.CpuSeconds - s0.CpuSeconds;
            server = new ServerUsage(pid, Math.Round(cpu, 2),
                totals.Operations > 0 ? Math.Round(cpu * 1e6 / totals.Operations, 2) : 0,
                Math.Round(cpu / measured, 3), Math.Round(s1.RssBytes / MiB, 1), Math.Round(s1.PeakRssBytes / MiB, 1));
        }
        var failure = totals.Failure ?? watchers.Select(w => w.Failure).FirstOrDefault(f => f is not null);
        return new RunResult
        {
            Label = o.Label,
            Target = $"{o.Host}:{o.Port}",
            Workload = WorkloadNames.Name(o.Workload),
            Mode = WorkloadNames.Name(o.Mode),
            Connections = o.Connections,
            Window = o.EffectiveWindow,
            ValueSize = o.ValueSize,
            Keys = o.Keys,
            ReadPercent = o.Workload == WorkloadKind.Mixed ? o.ReadPercent : (WorkloadNames.Writes(o.Workload) ? 0 : 100),
            Watch = o.Watch,
            Watchers = o.Watchers,
            WarmupSeconds = o.Warmup.TotalSeconds,
            WarmupOperations = totals.WarmupOperations,
            MeasuredSeconds = Math.Round(measured, 3),
            Operations = totals.Operations,
            OpsPerSecond = Math.Round(totals.Operations / measured, 1),
            Errors = totals.ErrorsByCode.Values.Sum(),
            ErrorsByCode = totals.ErrorsByCode.ToDictionary(e => ErrorName(e.Key), e => e.Value),
            Notifications = totals.Notifications + watchers.Sum(w => w.Notifications),
            LatencyMs = LatencySummary.From(totals.Latency),
            Server = server,
            ClientCpuSeconds = clientStart is { } c0 && clientEnd is { } c1 ? Math.Round(c1.CpuSeconds - c0.CpuSeconds, 2) : 0,
            Failure = failure,
        };
    }

    private static string ErrorName(int code) =>
        Enum.IsDefined((ErrorCode)code)
            ? $"{(ErrorCode)code}({code.ToString(CultureInfo.InvariantCulture)})"
            : code.ToString(CultureInfo.InvariantCulture);
}
