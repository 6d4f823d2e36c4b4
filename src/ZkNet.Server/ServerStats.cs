namespace ZkNet.Server;

/// <summary>Server-wide counters for srvr, stat and mntr. Written by the processor; read racily by reporters.</summary>
public sealed class ServerStats
{
    /// <summary>Packets received from clients.</summary>
    public long PacketsReceived;

    /// <summary>Packets sent to clients.</summary>
    public long PacketsSent;

    /// <summary>Requests queued but not processed.</summary>
    public long Outstanding;

    /// <summary>Smallest request latency (ms).</summary>
    public long MinLatency = long.MaxValue;

    /// <summary>Largest request latency (ms).</summary>
    public long MaxLatency;

    /// <summary>Sum of latencies (ms).</summary>
    public long TotalLatency;

    /// <summary>Requests measured.</summary>
    public long LatencyCount;

    /// <summary>Records a request latency.</summary>
    public void AddLatency(long ms)
    {
        TotalLatency += ms;
        LatencyCount++;
        if (ms < MinLatency)
        {
            MinLatency = ms;
        }
        if (ms > MaxLatency)
        {
            MaxLatency = ms;
        }
    }

    /// <summary>Clears latency and packet counters (srst).</summary>
    public void Reset()
    {
        PacketsReceived = 0;
        PacketsSent = 0;
        MinLatency = long.MaxValue;
        MaxLatency = 0;
        TotalLatency = 0;
        LatencyCount = 0;
    }
}
