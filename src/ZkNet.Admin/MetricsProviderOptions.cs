namespace ZkNet.Admin;

/// <summary>
/// The metrics provider ZooKeeper's zoo.cfg names (metricsProvider.*). Only ZooKeeper's Prometheus provider class is
/// served (an HTTP endpoint with /metrics); ZooKeeper's default provider has no endpoint, and neither has ZkNet then.
/// </summary>
public sealed record MetricsProviderOptions
{
    /// <summary>The class name ZooKeeper's Prometheus provider goes by.</summary>
    public const string PrometheusClassName = "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider";

    /// <summary>metricsProvider.className (null: ZooKeeper's default provider, no endpoint).</summary>
    public string? ClassName { get; init; }

    /// <summary>metricsProvider.httpHost (default 0.0.0.0).</summary>
    public string HttpHost { get; init; } = "0.0.0.0";

    /// <summary>metricsProvider.httpPort (default 7000; 0 picks a free port).</summary>
    public int HttpPort { get; init; } = 7000;

    /// <summary>Whether the Prometheus endpoint is to be served.</summary>
    public bool IsPrometheus => ClassName == PrometheusClassName;
}
