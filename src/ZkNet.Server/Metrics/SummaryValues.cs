namespace ZkNet.Server.Metrics;

/// <summary>
/// One reading of a summary: count, sum, min, max and the average as ZooKeeper reports them (min and max 0 before the
/// first value), plus the percentiles when the summary keeps them.
/// </summary>
/// <param name="Count">Values recorded.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest (0 when none).</param>
/// <param name="Max">The largest (0 when none).</param>
/// <param name="P50">Median of the sampled values (0 when the summary keeps no percentiles).</param>
/// <param name="P90">90th percentile (Prometheus reports it; mntr does not).</param>
/// <param name="P95">95th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="P999">99.9th percentile.</param>
public readonly record struct SummaryValues(long Count, long Sum, long Min, long Max, long P50, long P90, long P95, long P99, long P999)
{
    /// <summary>sum / count, 0.0 when nothing was recorded.</summary>
    public double Average => Count == 0 ? 0.0 : (double)Sum / Count;
}
