namespace ZkNet.LoadGen.Options;

/// <summary>One load-generator run against one server.</summary>
internal sealed record LoadOptions
{
    /// <summary>Server host (default 127.0.0.1).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Server client port (default 2181).</summary>
    public int Port { get; init; } = 2181;

    /// <summary>What each request does (default mixed).</summary>
    public WorkloadKind Workload { get; init; } = WorkloadKind.Mixed;

    /// <summary>Pipelined throughput (default) or closed-loop latency.</summary>
    public BenchMode Mode { get; init; } = BenchMode.Throughput;

    /// <summary>Connections, each its own session (default 8 for throughput, 1 for latency).</summary>
    public int Connections { get; init; } = 8;

    /// <summary>Outstanding requests per connection in throughput mode (default 32); latency mode uses 1.</summary>
    public int Window { get; init; } = 32;

    /// <summary>Bytes of data per create/setData and per key node (default 100).</summary>
    public int ValueSize { get; init; } = 100;

    /// <summary>Nodes read and written by set/get/exists/mixed (default 1000).</summary>
    public int Keys { get; init; } = 1000;

    /// <summary>Children of the node listed by getChildren (default 10).</summary>
    public int Children { get; init; } = 10;

    /// <summary>Share of reads in the mixed workload, in percent (default 90).</summary>
    public int ReadPercent { get; init; } = 90;

    /// <summary>Measured time (default 10 s); with <see cref="Operations"/> it is the upper bound.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load applied before measuring, to warm up both JITs and caches (default 2 s).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Stop after this many measured requests (all connections together), if set.</summary>
    public long? Operations { get; init; }

    /// <summary>Reads leave a watch (getData/exists/getChildren with watch=true).</summary>
    public bool Watch { get; init; }

    /// <summary>Extra idle sessions that each keep a data watch on every key and re-arm it when it fires.</summary>
    public int Watchers { get; init; }

    /// <summary>The server's process id, to sample its CPU time and resident memory from /proc.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Requested session timeout in milliseconds (default 30000).</summary>
    public int SessionTimeoutMs { get; init; } = 30_000;

    /// <summary>Seed of the mixed workload's read/write choice (default 1).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Delete what the run created afterwards (default true).</summary>
    public bool Cleanup { get; init; } = true;

    /// <summary>Parent of every run's nodes (default /zknet-bench).</summary>
    public string RootPath { get; init; } = "/zknet-bench";

    /// <summary>How long outstanding replies may take after the measured time ends (default 10 s).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A label for reports (e.g. "apache" or "zknet").</summary>
    public string? Label { get; init; }

    /// <summary>Count the server's fsync/fdatasync calls during the measured time with perf (when it is available).</summary>
    public bool CountFsyncs { get; init; }

    /// <summary>The window actually used: 1 in latency mode.</summary>
    public int EffectiveWindow => Mode == BenchMode.Latency ? 1 : Window;
}
