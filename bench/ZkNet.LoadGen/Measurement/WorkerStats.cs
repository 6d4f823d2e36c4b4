namespace ZkNet.LoadGen.Measurement;

/// <summary>What one connection counted; merged into the run's totals when it finishes.</summary>
internal sealed class WorkerStats
{
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Replies to requests sent during the measured time (errors included).</summary>
    public long Operations { get; set; }

    /// <summary>Replies to requests sent during warm-up.</summary>
    public long WarmupOperations { get; set; }

    /// <summary>Measured replies whose error code was not 0, by code.</summary>
    public Dictionary<int, long> ErrorsByCode { get; } = [];

    /// <summary>Watch notifications received during the measured time.</summary>
    public long Notifications { get; set; }

    /// <summary>Stopwatch timestamp of the last measured reply.</summary>
    public long LastMeasuredReply { get; set; }

    /// <summary>Why the connection stopped early, if it did.</summary>
    public string? Failure { get; set; }

    public void AddError(int code)
    {
        ErrorsByCode[code] = ErrorsByCode.GetValueOrDefault(code) + 1;
    }

    public void Add(WorkerStats other)
    {
        Latency.Add(other.Latency);
        Operations += other.Operations;
        WarmupOperations += other.WarmupOperations;
        Notifications += other.Notifications;
        LastMeasuredReply = Math.Max(LastMeasuredReply, other.LastMeasuredReply);
        foreach (var (code, count) in other.ErrorsByCode)
        {
            ErrorsByCode[code] = ErrorsByCode.GetValueOrDefault(code) + count;
        }
        Failure ??= other.Failure;
    }
}
