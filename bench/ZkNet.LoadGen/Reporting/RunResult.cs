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
}
