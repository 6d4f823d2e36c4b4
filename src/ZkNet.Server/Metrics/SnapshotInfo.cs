namespace ZkNet.Server.Metrics;

/// <summary>The last snapshot written: its zxid and when it was sealed (the last_snapshot admin command).</summary>
/// <param name="Zxid">The snapshot's zxid (its file name's).</param>
/// <param name="Time">When it was made durable.</param>
public sealed record SnapshotInfo(long Zxid, DateTimeOffset Time);
