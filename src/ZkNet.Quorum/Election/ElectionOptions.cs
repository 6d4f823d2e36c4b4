namespace ZkNet.Quorum.Election;

/// <summary>FastLeaderElection's timing, with ZooKeeper's defaults.</summary>
public sealed record ElectionOptions
{
    /// <summary>How long a round waits, once a quorum agrees, for a better vote before it ends (finalizeWait, 200 ms).</summary>
    public int FinalizeWaitMs { get; init; } = 200;

    /// <summary>The first wait for a notification before re-sending (zookeeper.fastleader.minNotificationInterval, 200 ms).</summary>
    public int MinNotificationIntervalMs { get; init; } = 200;

    /// <summary>The longest such wait; it doubles up to this (zookeeper.fastleader.maxNotificationInterval, 60 s).</summary>
    public int MaxNotificationIntervalMs { get; init; } = 60_000;
}
