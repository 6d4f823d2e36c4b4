namespace ZkNet.LoadGen.Reporting;

/// <summary>Everything one run measured; serialized as the JSON output.</summary>
internal sealed record RunResult
{
    public string? Label { get; init; }
    public required string Target { get; init; }
    public required string Workload { get; init; }
    public required string Mode { get; init; }
    public int Connections { get; init; }
    public int Window { get; init; }
    public int ValueSize { get; init; }
    public int Keys { get; init; }
    public int ReadPercent { get; init; }
    public bool Watch { get; init; }
    public int Watchers { get; init; }
    public double WarmupSeconds { get; init; }
    public long WarmupOperations { get; init; }
    public double MeasuredSeconds { get; init; }
    public long Operations { get; init; }
    public double OpsPerSecond { get; init; }
    public long Errors { get; init; }
    public Dictionary<string, long> ErrorsByCode { get; init; } = [];
    public long Notifications { get; init; }
    public required LatencySummary LatencyMs { get; init; }
    public ServerUsage? Server { get; init; }
    public double ClientCpuSeconds { get; init; }
    public string? Failure { get; init; }

    /// <summary>fsync + fdatasync calls of the server during the planned measured time (perf), if counted.</summary>
    public long? ServerFsyncs { get; init; }

    /// <summary><see cref="ServerFsyncs"/> per second of the planned measured time.</summary>
    public double? ServerFsyncsPerSecond { get; init; }

    /// <summary>Write requests per server fsync: above 1, one fsync covered several txns (group commit).</summary>
    public double? TxnsPerFsync { get; init; }

    /// <summary>Fills the fsync rates from <see cref="ServerFsyncs"/>.</summary>
    public RunResult WithFsyncRates(Options.LoadOptions options)
    {
        if (ServerFsyncs is not { } fsyncs)
        {
            return this;
        }
        var perSecond = fsyncs / options.Duration.TotalSeconds;
        var writeShare = options.Workload switch
        {
            Options.WorkloadKind.Mixed => (100 - options.ReadPercent) / 100.0,
            _ when Options.WorkloadNames.Writes(options.Workload) => 1.0,
            _ => 0.0,
        };
        return this with
        {
            ServerFsyncsPerSecond = Math.Round(perSecond, 1),
            TxnsPerFsync = writeShare > 0 && fsyncs > 0 ? Math.Round(OpsPerSecond * writeShare / perSecond, 2) : null,
        };
    }
}
