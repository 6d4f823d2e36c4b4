namespace ZkNet.Server.Metrics;

/// <summary>One figure as read at one moment, under ZooKeeper's name.</summary>
/// <param name="Name">The name (no zk_ prefix).</param>
/// <param name="Kind">Gauge, counter or summary.</param>
/// <param name="Value">A gauge's or counter's value: a long, a double or (version, server_state) a string.</param>
/// <param name="Summary">A summary's values.</param>
public readonly record struct MetricSample(string Name, MetricKind Kind, object? Value, SummaryValues Summary)
{
    /// <summary>For a member of a summary set: the set's name (Prometheus's family), else null.</summary>
    public string? Family { get; init; }

    /// <summary>For a member of a summary set: its key (Prometheus's key label), else null.</summary>
    public string? Key { get; init; }
}
