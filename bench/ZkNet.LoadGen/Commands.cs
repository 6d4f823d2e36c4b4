using System.Text.Json;
using ZkNet.LoadGen.Compare;
using ZkNet.LoadGen.Load;
using ZkNet.LoadGen.Options;
using ZkNet.LoadGen.Reporting;

namespace ZkNet.LoadGen;

/// <summary>The command line: <c>run</c> (one server) and <c>compare</c> (Apache ZooKeeper and ZkNet side by side).</summary>
internal static class Commands
{
    /// <summary>The .NET switch that runs socket completions inline on Linux (read at the first socket use).</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    private const string Usage = """
        ZkNet.LoadGen: drives any ZooKeeper server over the wire protocol.

        usage:
          ZkNet.LoadGen run [--server HOST:PORT] [--pid PID] [--label NAME] [--json] [--json-out FILE] [workload options]
          ZkNet.LoadGen compare [compare options] [workload options]      (see 'compare --help')
          ZkNet.LoadGen restart [restart options]                         (see 'restart --help')
          ZkNet.LoadGen fsync-probe [--dir DIR] [--duration T]            the disk's own fsync rate (default 3s in the temp folder)

        run options:
          --server HOST:PORT  the server (default 127.0.0.1:2181)
          --pid PID           the server's process id: its CPU per request and memory are reported
          --label NAME        a name for the report
          --json              print the result as JSON instead of text
          --json-out FILE     also write the JSON result to FILE

        workload options:
        """;

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.WriteLine(Usage + LoadOptionsParser.Help);
                return 0;
            }
            return args[0] switch
            {
                "run" => await RunOnceAsync(new ArgReader(args[1..]), ct).ConfigureAwait(false),
                "compare" => await CompareCommand.RunAsync(new ArgReader(args[1..]), ct).ConfigureAwait(false),
                "restart" => await Restart.RestartCommand.RunAsync(new ArgReader(args[1..]), ct).ConfigureAwait(false),
                "fsync-probe" => FsyncProbe(new ArgReader(args[1..])),
                _ => throw new ArgumentException($"unknown command '{args[0]}' (run, compare, restart, fsync-probe)"),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled").ConfigureAwait(false);
            return 130;
        }
    }

    private static async Task<int> RunOnceAsync(ArgReader args, CancellationToken ct)
    {
        if (args.Flag("--help"))
        {
            Console.WriteLine(Usage + LoadOptionsParser.Help);
            return 0;
        }
        var (host, port) = ParseServer(args.String("--server", "127.0.0.1:2181"));
        var pid = args.Value("--pid") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var label = args.Value("--label");
        var json = args.Flag("--json");
        var jsonOut = args.Value("--json-out");
        var options = LoadOptionsParser.Parse(args, new LoadOptions()) with { Host = host, Port = port, ServerPid = pid, Label = label };
        args.EnsureEmpty();

        var result = await LoadRunner.RunAsync(options, ct).ConfigureAwait(false);
        var text = JsonSerializer.Serialize(result, ResultJsonContext.Default.RunResult);
        Console.WriteLine(json ? text : ResultText.Format(result));
        if (jsonOut is not null)
        {
            await File.WriteAllTextAsync(jsonOut, text, ct).ConfigureAwait(false);
        }
        return result.Failure is null ? 0 : 1;
    }

    private static int FsyncProbe(ArgReader args)
    {
        var dir = args.String("--dir", Path.GetTempPath());
        var duration = args.Duration("--duration", TimeSpan.FromSeconds(3));
        args.EnsureEmpty();
        var probe = Measurement.DiskFsyncProbe.Run(dir, duration);
        var l = probe.LatencyMs;
        Console.WriteLine($"{probe.FsyncsPerSecond:N0} fsyncs/s for one writer in {probe.Directory} ({probe.Fsyncs:N0} in {duration.TotalSeconds:0.#} s; write+fsync p50 {l.P50:F3} ms, p99 {l.P99:F3} ms, max {l.Max:F3} ms)");
        return 0;
    }

    public static (string Host, int Port) ParseServer(string server)
    {
        var colon = server.LastIndexOf(':');
        return colon < 0
            ? (server, 2181)
            : (server[..colon], int.Parse(server[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
