namespace ZkNet.Server.Throttling;

/// <summary>
/// ZooKeeper's RequestThrottler settings (the zookeeper.request_throttle_* and request_stale_* system properties; the
/// admin guide heads them requestThrottleLimit, requestThrottleStallTime...). Defaults are ZooKeeper 3.8's: MaxRequests
/// 0 turns the throttler off.
/// </summary>
public sealed record RequestThrottleSettings
{
    /// <summary>request_throttle_max_requests: requests in process server-wide before new ones wait (0, the default: no limit).</summary>
    public int MaxRequests { get; init; }

    /// <summary>
    /// request_throttle_stall_time: the longest a waiting request waits before the limit is checked again, in ms
    /// (default 100). A request that completes wakes the wait at once; 0 waits for that alone (Java's wait(0)).
    /// </summary>
    public int StallTimeMs { get; init; } = 100;

    /// <summary>request_throttle_drop_stale: a stale request is dropped rather than processed (default true).</summary>
    public bool DropStale { get; init; } = true;

    /// <summary>request_stale_connection_check: a request whose connection has closed is stale (default true).</summary>
    public bool StaleConnectionCheck { get; init; } = true;

    /// <summary>request_stale_latency_check: a request older than its session's timeout is stale (default false).</summary>
    public bool StaleLatencyCheck { get; init; }

    /// <summary>
    /// request_throttler.shutdownTimeout: how long a stopping server lets waiting requests drain into the pipeline
    /// before it drops the rest, in ms (default 10000).
    /// </summary>
    public int ShutdownTimeoutMs { get; init; } = 10_000;
}
