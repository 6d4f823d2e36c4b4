using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ZkNet.LoadGen.Compare;
using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Reporting;
using ZkNet.LoadGen.Wire;

namespace ZkNet.LoadGen.Restart;

/// <summary>
/// <c>restart</c>: for each server in turn (never both at once, so neither competes with the other), start it empty,
/// fill it with N znodes (pipelined creates, fsync on), read its node count and resident memory, kill it with SIGKILL,
/// start it again on the same dataDir, and time until it accepts a session; then check that the node count survived
/// and read resident memory at once and after an idle settle time.
/// </summary>
internal static partial class RestartCommand
{
    public const string Help = """
        ZkNet.LoadGen restart: time to serve again after a crash, and resident memory, with many znodes.

          --servers A,B       apache | zknet, in the order run (default apache,zknet)
          --znodes N          znodes to create before the kill (default 1000000)
          --value-size N      bytes of data per znode (default 100)
          --connections N     connections creating them (default 8), --window N requests in flight each (default 32)
          --jvm-heap SIZE     -Xmx for Apache ZooKeeper (default 2g: 1M znodes need more than the compare default)
          --settle T          idle time before the second memory reading after the restart (default 5s)
          --no-force-sync     forceSync=no (default yes)
          --zknet-dll PATH    the built zknet.dll (default src/ZkNet.Cli/bin/Release/net10.0/zknet.dll)
          --data-root DIR     parent of the servers' temp folders (default the system temp folder)
          --json-out FILE     write the results as JSON
        """;

    public static async Task<int> RunAsync(ArgReader args, CancellationToken ct)
    {
        if (args.Flag("--help"))
        {
            Console.WriteLine(Help);
            return 0;
        }
        var servers = args.String("--servers", "apache,zknet").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s == "zknet" ? ServerKind.ZkNet : s is "apache" or "zookeeper" ? ServerKind.Apache : throw new ArgumentException($"unknown server '{s}'"))
            .ToList();
        var znodes = args.Long("--znodes") ?? 1_000_000;
        var settle = args.Duration("--settle", TimeSpan.FromSeconds(5));
        var jsonOut = args.Value("--json-out");
        var load = new LoadOptions
        {
            Workload = WorkloadKind.Create,
            ValueSize = args.Int("--value-size", 100, 0),
            Connections = args.Int("--connections", 8, 1),
            Window = args.Int("--window", 32, 1),
            Warmup = TimeSpan.Zero,
            Duration = TimeSpan.FromMinutes(30),
            Operations = znodes,
            Keys = 1,
            Children = 0,
            Cleanup = false,
        };
        var options = new CompareOptions
        {
            Servers = servers,
            Workloads = [],
            ForceSync = !args.Flag("--no-force-sync"),
            JvmHeap = args.String("--jvm-heap", "2g"),
            ZkNetDll = servers.Contains(ServerKind.ZkNet) ? ServerInstance.ResolveZkNetDll(args.Value("--zknet-dll")) : null,
            DataRoot = args.Value("--data-root"),
            Load = load,
        };
        args.EnsureEmpty();
        Console.WriteLine($"restart: {string.Join(", ", servers)}; {znodes:N0} znodes of {load.ValueSize} B, forceSync={(options.ForceSync ? "yes" : "no")}, -Xmx{options.JvmHeap} for Apache ZooKeeper");
        var results = new List<RestartResult>();
        foreach (var kind in servers)
        {
            var label = kind == ServerKind.Apache ? "apache" : "zknet";
            var result = await MeasureAsync(label, kind, options, settle, ct).ConfigureAwait(false);
            results.Add(result);
            Print(result);
        }
        if (jsonOut is not null)
        {
            await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(results, ResultJsonContext.Default.ListRestartResult), ct).ConfigureAwait(false);
        }
        return results.All(r => r.Failure is null && r.NodeCountAfter == r.NodeCountBefore) ? 0 : 1;
    }

    private static async Task<RestartResult> MeasureAsync(string label, ServerKind kind, CompareOptions options, TimeSpan settle, CancellationToken ct)
    {
        var server = await ServerInstance.StartAsync(label, kind, options, ct).ConfigureAwait(false);
        try
        {
            var emptyStart = server.StartupTime;
            var fillWatch = Stopwatch.StartNew();
            var fill = await LoadRunner.RunAsync(options.Load with { Port = server.Port, ServerPid = server.Pid, Label = label }, ct).ConfigureAwait(false);
            fillWatch.Stop();
            if (fill.Failure is not null || fill.Errors > 0)
            {
                return new RestartResult { Label = label, Failure = $"fill failed: {fill.Failure ?? fill.Errors + " errors"}" };
            }
            var before = await FourLetterWord.NodeCountAsync(server.Port, ct).ConfigureAwait(false);
            var filled = ProcessSampler.TrySample(server.Pid);
            var dataBytes = server.DataBytes();
            var logBefore = new FileInfo(server.LogPath).Length;
            Console.WriteLine($"  {label}: {fill.Operations:N0} creates in {fillWatch.Elapsed.TotalSeconds:F1} s; node count {before:N0}; data {dataBytes / 1048576.0:F0} MiB; rss {Mib(filled?.RssBytes)} MiB; killing it (SIGKILL)");

            server = await server.RestartAsync(options, ct).ConfigureAwait(false);
            var serving = ProcessSampler.TrySample(server.Pid);
            var after = await FourLetterWord.NodeCountAsync(server.Port, ct).ConfigureAwait(false);
            await Task.Delay(settle, ct).ConfigureAwait(false);
            var settled = ProcessSampler.TrySample(server.Pid);
            return new RestartResult
            {
                Label = label,
                Znodes = fill.Operations,
                EmptyStartSeconds = Math.Round(emptyStart.TotalSeconds, 2),
                FillSeconds = Math.Round(fillWatch.Elapsed.TotalSeconds, 1),
                FillCreatesPerSecond = fill.OpsPerSecond,
                NodeCountBefore = before,
                NodeCountAfter = after,
                DataBytes = dataBytes,
                RssFilledMiB = Mib(filled?.RssBytes),
                RestartSeconds = Math.Round(server.StartupTime.TotalSeconds, 2),
                RssServingMiB = Mib(serving?.RssBytes),
                RssSettledMiB = Mib(settled?.RssBytes),
                PeakRssMiB = Mib(settled?.PeakRssBytes),
                RecoveryLog = RecoveryLines(server.LogPath, logBefore),
            };
        }
        finally
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Print(RestartResult r)
    {
        if (r.Failure is not null)
        {
            Console.WriteLine($"  {r.Label}: FAILED: {r.Failure}");
            return;
        }
        var kept = r.NodeCountAfter == r.NodeCountBefore ? "all recovered" : $"LOST {r.NodeCountBefore - r.NodeCountAfter:N0}";
        Console.WriteLine($"  {r.Label}: restart to first session {r.RestartSeconds:F2} s (empty start {r.EmptyStartSeconds:F2} s); node count {r.NodeCountAfter:N0} ({kept}); "
            + $"rss {r.RssServingMiB:F0} MiB at once, {r.RssSettledMiB:F0} MiB settled (peak {r.PeakRssMiB:F0})");
        foreach (var line in r.RecoveryLog)
        {
            Console.WriteLine("    log: " + line);
        }
    }

    /// <summary>What the restarted server logged about recovery: lines naming snapshots, replay or loading.</summary>
    private static List<string> RecoveryLines(string logPath, long from)
    {
        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Where(l => RecoveryLine().IsMatch(l)).Select(l => l.Trim()).Take(12).ToList();
    }

    private static double Mib(long? bytes) => bytes is { } b ? Math.Round(b / 1048576.0, 1) : 0;

    [GeneratedRegex(@"[Ss]napshot|[Rr]eplayed|loaded in|txns|Loading data", RegexOptions.CultureInvariant)]
    private static partial Regex RecoveryLine();
}
