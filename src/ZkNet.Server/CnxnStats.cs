namespace ZkNet.Server;

/// <summary>Per-connection counters for the cons and stat four-letter words.</summary>
public sealed class CnxnStats
{
    /// <summary>Packets received.</summary>
    public long PacketsReceived { get; set; }

    /// <summary>Packets sent.</summary>
    public long PacketsSent { get; set; }

    /// <summary>Requests received but not yet answered.</summary>
    public int Outstanding { get; set; }

    /// <summary>The last operation's short name (as cons prints it).</summary>
    public string LastOp { get; set; } = "NA";

    /// <summary>The last xid answered.</summary>
    public long LastCxid { get; set; } = -1;

    /// <summary>The last zxid answered.</summary>
    public long LastZxid { get; set; } = -1;

    /// <summary>When the last response was produced (ms since the epoch).</summary>
    public long LastResponseTime { get; set; }

    /// <summary>The last request's latency in ms.</summary>
    public long LastLatency { get; set; }

    /// <summary>Smallest latency in ms.</summary>
    public long MinLatency { get; set; } = long.MaxValue;

    /// <summary>Largest latency in ms.</summary>
    public long MaxLatency { get; set; }

    /// <summary>Sum of latencies, for the average.</summary>
    public long TotalLatency { get; set; }

    /// <summary>Number of latencies summed.</summary>
    public long Count { get; set; }

    /// <summary>Clears the counters (crst).</summary>
    public void Reset()
    {
        PacketsReceived = 0;
        PacketsSent = 0;
        LastOp = "NA";
        LastCxid = -1;
        LastZxid = -1;
        LastResponseTime = 0;
        LastLatency = 0;
        MinLatency = long.MaxValue;
        MaxLatency = 0;
        TotalLatency = 0;
        Count = 0;
    }
}
