using System.Globalization;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Reporting;
using ZkNet.LoadGen.Wire;

namespace ZkNet.LoadGen.Load;

/// <summary>
/// One run: set up the nodes, open every session, apply load through warm-up and the measured time, drain,
/// sample the server process around the measured time, close the sessions and clean up.
/// </summary>
internal static class LoadRunner
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public static async Task<RunResult> RunAsync(LoadOptions options, CancellationToken ct)
    {
        var runId = "run-" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var layout = new BenchLayout(options, runId);
        using var setupCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        setupCts.CancelAfter(SetupTimeout);

        await using var admin = await BenchSession.ConnectAsync(options.Host, options.Port, options.SessionTimeoutMs, setupCts.Token)
            .ConfigureAwait(false);
        var sessions = new List<BenchSession>();
        try
        {
            await TreeSetup.CreateAsync(admin, options, layout, setupCts.Token).ConfigureAwait(false);
            for (var i = 0; i < options.Connections + options.Watchers; i++)
            {
                sessions.Add(await BenchSession.ConnectAsync(options.Host, options.Port, options.SessionTimeoutMs, setupCts.Token)
                    .ConfigureAwait(false));
            }
            var watcherSessions = sessions[options.Connections..];
            await Task.WhenAll(watcherSessions.Select(s => WatcherWorker.ArmAsync(s, layout, setupCts.Token))).ConfigureAwait(false);
            return await MeasureAsync(options, layout, [.. sessions], ct).ConfigureAwait(false);
        }
        finally
        {
            // Closed explicitly, so the server drops the sessions now instead of when they time out.
            sessions.Add(admin);
            await Task.WhenAll(sessions.Select(s => s.CloseSessionAsync(CloseTimeout))).ConfigureAwait(false);
            foreach (var session in sessions[..^1])
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        async Task<RunResult> MeasureAsync(LoadOptions o, BenchLayout l, BenchSession[] all, CancellationToken token)
        {
            var clock = new RunClock(o.Warmup, o.Duration);
            var workers = Enumerable.Range(0, o.Connections)
                .Select(i => new LoadWorker(all[i], new OperationSource(o, l, i), clock, o.EffectiveWindow, Budget(o, i)))
                .ToArray();
            var watchers = all[o.Connections..].Select(s => new WatcherWorker(s, l, clock)).ToArray();

            using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(token);
            hardStop.CancelAfter(o.Warmup + o.Duration + o.DrainTimeout);
            using var watcherStop = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
            var watcherTasks = watchers.Select(w => Task.Run(() => w.RunAsync(watcherStop.Token), CancellationToken.None)).ToArray();
            var startSample = SampleAtMeasureStartAsync(o, clock, hardStop.Token);
            await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunAsync(hardStop.Token), CancellationToken.None))).ConfigureAwait(false);
            var (serverStart, clientStart, fsyncCounter) = await startSample.ConfigureAwait(false);
            var serverEnd = o.ServerPid is { } pid ? ProcessSampler.TrySample(pid) : null;
            var clientEnd = ProcessSampler.TrySample(Environment.ProcessId);
            await watcherStop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(watcherTasks).ConfigureAwait(false);

            var totals = new WorkerStats();
            foreach (var worker in workers)
            {
                totals.Add(worker.Stats);
            }
            token.ThrowIfCancellationRequested();
            if (o.Cleanup)
            {
                using var cleanupCts = CancellationTokenSource.CreateLinkedTokenSource(token);
                cleanupCts.CancelAfter(SetupTimeout);
                var unique = o.Workload == WorkloadKind.Create ? workers.Select(w => w.Source.CreatesIssued).ToArray() : [];
                var sequential = o.Workload == WorkloadKind.CreateSequential ? workers.Sum(w => w.Source.CreatesIssued) : 0;
                await TreeSetup.DeleteAsync(admin, l, unique, sequential, cleanupCts.Token).ConfigureAwait(false);
            }
            // perf counts for exactly the planned duration from the start of measurement.
            var fsyncs = fsyncCounter is null ? null : await fsyncCounter.ResultAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            var result = RunResultBuilder.Build(o, clock, totals, watchers, serverStart, serverEnd, clientStart, clientEnd);
            return (result with { ServerFsyncs = fsyncs }).WithFsyncRates(o);
        }
    }

    /// <summary>This connection's share of --ops, spread so the shares add up exactly.</summary>
    private static long? Budget(LoadOptions options, int connection) =>
        options.Operations is { } total
            ? (total / options.Connections) + (connection < total % options.Connections ? 1 : 0)
            : null;

    private static async Task<(ProcessSample? Server, ProcessSample? Client, FsyncCounter? Fsyncs)> SampleAtMeasureStartAsync(
        LoadOptions options, RunClock clock, CancellationToken ct)
    {
        try
        {
            await Task.Delay(clock.UntilMeasureStart, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return (null, null, null);
        }
        var pid = options.ServerPid;
        var counter = options.CountFsyncs && pid is { } counted ? FsyncCounter.Start(counted, options.Duration) : null;
        return (pid is { } p ? ProcessSampler.TrySample(p) : null, ProcessSampler.TrySample(Environment.ProcessId), counter);
    }
}
