using System.Net.Sockets;
using System.Text.Json;
using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen.Compare;

/// <summary>
/// Starts two servers (Apache ZooKeeper 3.8 and ZkNet by default) on free loopback ports with temp data dirs,
/// runs every workload on each in turn (A B A B ...), prints each run and a table of medians with the ratio
/// second/first, and kills both servers by pid at the end, on error, and on Ctrl-C.
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(ArgReader args, CancellationToken ct)
    {
        if (args.Flag("--help"))
        {
            Console.WriteLine(CompareOptionsParser.Help + LoadOptionsParser.Help);
            return 0;
        }
        var options = CompareOptionsParser.Parse(args);
        var labels = Labels(options.Servers);
        var runsPlanned = options.Workloads.Count * options.Repeats * options.Servers.Count;
        var perRun = options.Load.Warmup + options.Load.Duration + options.Pause + TimeSpan.FromSeconds(30);
        // A bound on the whole comparison, so it stops by itself whatever a server does.
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        overall.CancelAfter((perRun * runsPlanned) + (2 * options.Prime) + TimeSpan.FromMinutes(3));
        Console.WriteLine($"compare: {string.Join(" vs ", labels)}, {options.Workloads.Count} workloads x {options.Repeats} rounds, "
            + $"{options.Load.Duration.TotalSeconds:0.#} s each after {options.Load.Warmup.TotalSeconds:0.#} s warm-up, forceSync={(options.ForceSync ? "yes" : "no")}");

        var servers = new List<ServerInstance>();
        var runs = new List<RunResult>();
        var probes = new List<DiskFsyncResult>();
        if (options.Load.CountFsyncs)
        {
            Console.WriteLine(FsyncCounter.Available
                ? "  counting the servers' fsync/fdatasync calls with perf (syscall tracepoints)"
                : "  perf cannot read syscall tracepoints here: the servers' fsyncs are not counted");
        }
        var dataBytes = new Dictionary<string, long>();
        try
        {
            for (var i = 0; i < options.Servers.Count; i++)
            {
                ServerInstance server;
                try
                {
                    server = await ServerInstance.StartAsync(labels[i], options.Servers[i], options, overall.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or TimeoutException)
                {
                    await Console.Error.WriteLineAsync($"error: could not start {labels[i]}: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                servers.Add(server);
                Console.WriteLine($"  started {server.Label}: pid {server.Pid}, 127.0.0.1:{server.Port}, {server.Directory}");
            }
            if (options.Prime > TimeSpan.Zero)
            {
                foreach (var server in servers)
                {
                    var primed = await PrimeAsync(options, server, overall.Token).ConfigureAwait(false);
                    Console.WriteLine($"  primed {server.Label}: {primed.OpsPerSecond:N0} ops/s of mixed load for {options.Prime.TotalSeconds:0.#} s (not reported)");
                }
            }
            ProbeDisk(options, probes, "before the runs");
            foreach (var (workload, mode) in options.Workloads)
            {
                for (var round = 0; round < options.Repeats; round++)
                {
                    foreach (var server in servers)
                    {
                        await Task.Delay(options.Pause, overall.Token).ConfigureAwait(false);
                        var result = await RunOneAsync(options, server, workload, mode, overall.Token).ConfigureAwait(false);
                        runs.Add(result);
                        Console.WriteLine("  " + OneLine(result, round));
                    }
                }
            }
        }
        finally
        {
            if (runs.Count > 0)
            {
                ProbeDisk(options, probes, "after the runs");
            }
            foreach (var server in servers)
            {
                dataBytes[server.Label] = server.DataBytes();
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }

        var summary = CompareTable.Summarize(runs, labels[0], labels[1]);
        Console.WriteLine();
        Console.WriteLine(CompareTable.Format(summary, labels[0], labels[1]));
        Console.WriteLine($"medians over {options.Repeats} rounds; ratio = {labels[1]}/{labels[0]} ('better' says which way is better).");
        // The disk footprint at the end, and a guard against comparing a server that persists with one that does not.
        Console.WriteLine("data on disk at the end: " + string.Join(", ", dataBytes.Select(d => $"{d.Key} {d.Value / 1048576.0:F1} MiB")));
        if (options.Workloads.Any(w => WorkloadNames.Writes(w.Workload)) && dataBytes.Any(d => d.Value == 0))
        {
            Console.WriteLine("WARNING: a server wrote nothing to its dataDir during write workloads: its write figures are not comparable.");
        }
        if (options.JsonOut is not null)
        {
            var report = new CompareReport
            {
                Servers = labels,
                ForceSync = options.ForceSync,
                Repeats = options.Repeats,
                DurationSeconds = options.Load.Duration.TotalSeconds,
                WarmupSeconds = options.Load.Warmup.TotalSeconds,
                Runs = runs,
                DataBytes = dataBytes,
                Summary = summary,
                DiskFsync = probes,
            };
            await File.WriteAllTextAsync(options.JsonOut, JsonSerializer.Serialize(report, ResultJsonContext.Default.CompareReport), ct)
                .ConfigureAwait(false);
        }
        return runs.All(r => r.Failure is null) ? 0 : 1;
    }

    /// <summary>The disk's own fsync rate, in the same run as the servers' write figures it explains.</summary>
    private static void ProbeDisk(CompareOptions options, List<DiskFsyncResult> probes, string when)
    {
        if (options.FsyncProbe <= TimeSpan.Zero)
        {
            return;
        }
        var probe = DiskFsyncProbe.Run(options.DataRoot ?? Path.GetTempPath(), options.FsyncProbe);
        probes.Add(probe);
        Console.WriteLine($"  disk fsync rate {when}: {probe.FsyncsPerSecond:N0} fsyncs/s for one writer (p50 {probe.LatencyMs.P50:F3} ms, p99 {probe.LatencyMs.P99:F3} ms) in {probe.Directory}");
    }

    private static Task<RunResult> PrimeAsync(CompareOptions options, ServerInstance server, CancellationToken ct) =>
        RunOneAsync(options with { Load = options.Load with { Warmup = TimeSpan.Zero, Duration = options.Prime } }, server,
            WorkloadKind.Mixed, BenchMode.Throughput, ct);

    private static async Task<RunResult> RunOneAsync(CompareOptions options, ServerInstance server, WorkloadKind workload, BenchMode mode,
        CancellationToken ct)
    {
        var load = options.Load with
        {
            Workload = workload,
            Mode = mode,
            Connections = mode == BenchMode.Latency ? 1 : options.Load.Connections,
            Port = server.Port,
            ServerPid = server.Pid,
            Label = server.Label,
            // The servers are thrown away at the end; deleting would only add unmeasured work between runs.
            Cleanup = false,
        };
        try
        {
            return await LoadRunner.RunAsync(load, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var why = server.HasExited ? $"{e.Message}; the server exited:\n{server.LastLogLines(20)}" : e.Message;
            return new RunResult
            {
                Label = server.Label,
                Target = $"127.0.0.1:{server.Port}",
                Workload = WorkloadNames.Name(workload),
                Mode = WorkloadNames.Name(mode),
                LatencyMs = new LatencySummary(0, 0, 0, 0, 0, 0, 0),
                Failure = why,
            };
        }
    }

    private static string OneLine(RunResult r, int round)
    {
        var s = r.Server;
        var line = $"{r.Workload,-10} {r.Mode,-10} round {round + 1} {r.Label,-9} {r.OpsPerSecond,10:N0} ops/s  p50 {r.LatencyMs.P50,7:F3}  p99 {r.LatencyMs.P99,7:F3}  p99.9 {r.LatencyMs.P999,7:F3} ms"
            + (s is null ? "" : $"  cpu {s.CpuMicrosPerOp,6:F1} us/op  rss {s.RssMiB,6:F1} MiB")
            + (r.TxnsPerFsync is { } t ? $"  fsyncs {r.ServerFsyncsPerSecond,8:N0}/s = {t,6:F2} txns/fsync" : "")
            + (r.Errors > 0 ? $"  errors {r.Errors}" : "");
        return r.Failure is null ? line : line + "  FAILED: " + r.Failure;
    }

    private static List<string> Labels(IReadOnlyList<ServerKind> servers)
    {
        var names = servers.Select(s => s == ServerKind.Apache ? "apache" : "zknet").ToList();
        return names[0] == names[1] ? [names[0] + "#1", names[1] + "#2"] : names;
    }
}
