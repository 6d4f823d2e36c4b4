namespace ZkNet.LoadGen.Options;

/// <summary>How requests are issued.</summary>
internal enum BenchMode
{
    /// <summary>Pipelined: each connection keeps a window of outstanding requests, to find the peak rate.</summary>
    Throughput,
    /// <summary>Closed loop: each connection waits for a reply before sending the next request (window 1).</summary>
    Latency,
}
