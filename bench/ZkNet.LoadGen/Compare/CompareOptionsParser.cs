using ZkNet.LoadGen.Options;

namespace ZkNet.LoadGen.Compare;

/// <summary>The command line of <c>compare</c>.</summary>
internal static class CompareOptionsParser
{
    public const string Help = """
        ZkNet.LoadGen compare: Apache ZooKeeper 3.8 and ZkNet side by side, alternating runs.

          --servers A,B       the two servers, baseline first: apache | zknet (default apache,zknet;
                              apache,apache measures the noise of the machine)
          --workloads LIST    comma-separated WORKLOAD[:latency] (default get,exists,children,set,mixed,get:latency,set:latency,create;
                              create is last because its nodes stay and would weigh on every later run's memory)
          --repeats N         rounds per workload (default 2: A B A B)
          --no-force-sync     forceSync=no in both zoo.cfg (default forceSync=yes)
          --jvm-heap SIZE     -Xmx for Apache ZooKeeper (default 1g)
          --zknet-dll PATH    the built zknet.dll (default src/ZkNet.Cli/bin/Release/net10.0/zknet.dll)
          --data-root DIR     parent of the servers' temp folders (default the system temp folder)
          --pause T           idle time between runs (default 1s)
          --prime T           unmeasured mixed load on each server before the first run (default 5s; 0 to skip)
          --fsync-probe T     measure the disk's own fsync rate (one writer, one fsync per 128-byte record on a
                              preallocated file) for T before the first run and after the last (default 3s; 0 to skip)
          --no-count-fsyncs   do not count the servers' fsync/fdatasync calls with perf (counted by default when
                              perf can read the syscall tracepoints)
          --json-out FILE     write every run and the summary as JSON

        workload options (apply to every run; --workload and --mode are set per run from --workloads):
        """;

    private const string DefaultWorkloads = "get,exists,children,set,mixed,get:latency,set:latency,create";

    public static CompareOptions Parse(ArgReader args)
    {
        var servers = args.String("--servers", "apache,zknet").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.ToLowerInvariant() switch
            {
                "apache" or "zookeeper" => ServerKind.Apache,
                "zknet" => ServerKind.ZkNet,
                _ => throw new ArgumentException($"unknown server '{s}' (apache, zknet)"),
            }).ToList();
        if (servers.Count != 2)
        {
            throw new ArgumentException("--servers takes exactly two servers, baseline first");
        }
        var workloads = args.String("--workloads", DefaultWorkloads).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(spec =>
            {
                var parts = spec.Split(':');
                return (WorkloadNames.ParseWorkload(parts[0]), parts.Length > 1 ? WorkloadNames.ParseMode(parts[1]) : BenchMode.Throughput);
            }).ToList();
        var options = new CompareOptions
        {
            Servers = servers,
            Workloads = workloads,
            Repeats = args.Int("--repeats", 2, 1),
            ForceSync = !args.Flag("--no-force-sync"),
            JvmHeap = args.String("--jvm-heap", "1g"),
            ZkNetDll = args.Value("--zknet-dll"),
            DataRoot = args.Value("--data-root"),
            Pause = args.Duration("--pause", TimeSpan.FromSeconds(1)),
            Prime = args.Duration("--prime", TimeSpan.FromSeconds(5)),
            FsyncProbe = args.Duration("--fsync-probe", TimeSpan.FromSeconds(3)),
            JsonOut = args.Value("--json-out"),
            Load = LoadOptionsParser.Parse(args, new LoadOptions { CountFsyncs = !args.Flag("--no-count-fsyncs") }),
        };
        args.EnsureEmpty();
        if (servers.Contains(ServerKind.ZkNet))
        {
            // Checked before anything is started, so a missing build fails at once.
            options = options with { ZkNetDll = ServerInstance.ResolveZkNetDll(options.ZkNetDll) };
        }
        return options;
    }
}
