namespace ZkNet.Server.Metrics;

/// <summary>How a figure behaves (decides its Prometheus type).</summary>
public enum MetricKind
{
    /// <summary>A value read when asked (goes up and down).</summary>
    Gauge,
    /// <summary>A count that only goes up.</summary>
    Counter,
    /// <summary>avg/min/max/cnt/sum of recorded values.</summary>
    Summary,
    /// <summary>A summary with p50/p95/p99/p999 too.</summary>
    PercentileSummary,
}
