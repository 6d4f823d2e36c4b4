namespace ZkNet.Quorum.Zab;

/// <summary>ZAB's timing, as zoo.cfg sets it.</summary>
public sealed record ZabOptions
{
    /// <summary>tickTime in milliseconds.</summary>
    public int TickTime { get; init; } = 2000;

    /// <summary>initLimit: ticks allowed for discovery and synchronisation.</summary>
    public int InitLimit { get; init; } = 10;

    /// <summary>syncLimit: ticks a member may go unheard once synchronised.</summary>
    public int SyncLimit { get; init; } = 5;

    /// <summary>How many committed txns the leader keeps in memory to DIFF learners (zookeeper.commitLogCount, 500).</summary>
    public int CommitLogCount { get; init; } = 500;

    /// <summary>
    /// Where a new epoch's counter starts (0, as ZooKeeper's). Tests only: set near 2^32 it brings an epoch's counter
    /// rollover within a few writes.
    /// </summary>
    internal uint EpochCounterStart { get; init; }
}
