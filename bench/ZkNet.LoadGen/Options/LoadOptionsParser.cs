namespace ZkNet.LoadGen.Options;

/// <summary>Reads the options shared by <c>run</c> and <c>compare</c>.</summary>
internal static class LoadOptionsParser
{
    public const string Help = """
          --workload W        create | create-seq | set | get | exists | children | mixed   (default mixed)
          --mode M            throughput (pipelined) | latency (closed loop, window 1)       (default throughput)
          --connections N     sessions, each on its own connection (default 8; latency mode: 1)
          --window N          outstanding requests per connection in throughput mode (default 32)
          --value-size N      bytes per create/setData and per key node (default 100)
          --keys N            nodes used by set/get/exists/mixed (default 1000)
          --children N        children of the node listed by 'children' (default 10)
          --read-percent N    reads in 'mixed', percent (default 90)
          --duration T        measured time, e.g. 10, 10s, 500ms, 1m (default 10s)
          --warmup T          load before measuring (default 2s)
          --ops N             stop after N measured requests (still bounded by --duration)
          --watch             reads leave watches (notifications are counted)
          --watchers N        extra sessions watching every key, re-arming on each event (default 0)
          --session-timeout N requested session timeout in ms (default 30000)
          --seed N            seed of the mixed workload (default 1)
          --root PATH         parent znode of the runs' nodes (default /zknet-bench)
          --no-cleanup        leave the run's nodes behind
          --count-fsyncs      count the server's fsync/fdatasync calls while measuring (needs --pid and perf)
        """;

    /// <summary>Fills the workload options from <paramref name="args"/>, consuming what it reads.</summary>
    public static LoadOptions Parse(ArgReader args, LoadOptions defaults)
    {
        var mode = args.Value("--mode") is { } m ? WorkloadNames.ParseMode(m) : defaults.Mode;
        var connectionsDefault = mode == BenchMode.Latency ? 1 : defaults.Connections;
        var options = defaults with
        {
            Workload = args.Value("--workload") is { } w ? WorkloadNames.ParseWorkload(w) : defaults.Workload,
            Mode = mode,
            Connections = args.Int("--connections", connectionsDefault, 1),
            Window = args.Int("--window", defaults.Window, 1),
            ValueSize = args.Int("--value-size", defaults.ValueSize, 0),
            Keys = args.Int("--keys", defaults.Keys, 1),
            Children = args.Int("--children", defaults.Children, 0),
            ReadPercent = args.Int("--read-percent", defaults.ReadPercent, 0),
            Duration = args.Duration("--duration", defaults.Duration),
            Warmup = args.Duration("--warmup", defaults.Warmup),
            Operations = args.Long("--ops") ?? defaults.Operations,
            Watch = args.Flag("--watch") || defaults.Watch,
            Watchers = args.Int("--watchers", defaults.Watchers, 0),
            SessionTimeoutMs = args.Int("--session-timeout", defaults.SessionTimeoutMs, 1),
            Seed = args.Int("--seed", defaults.Seed),
            RootPath = args.String("--root", defaults.RootPath).TrimEnd('/'),
            Cleanup = !args.Flag("--no-cleanup") && defaults.Cleanup,
            CountFsyncs = args.Flag("--count-fsyncs") || defaults.CountFsyncs,
        };
        if (options.ReadPercent > 100)
        {
            throw new ArgumentException("--read-percent must be between 0 and 100");
        }
        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromHours(1))
        {
            throw new ArgumentException("--duration must be positive and at most 1 hour");
        }
        if (options.Warmup < TimeSpan.Zero || options.Warmup > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentException("--warmup must be between 0 and 10 minutes");
        }
        if (!options.RootPath.StartsWith('/') || options.RootPath.Length < 2)
        {
            throw new ArgumentException("--root must be an absolute path other than /");
        }
        return options;
    }
}
