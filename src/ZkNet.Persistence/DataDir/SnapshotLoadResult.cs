namespace ZkNet.Persistence.DataDir;

/// <summary>What <see cref="FileTxnSnapLog.LoadNewestValidSnapshot{T}"/> loaded, and what it had to skip first.</summary>
/// <typeparam name="T">What the caller built from the snapshot.</typeparam>
/// <param name="Value">The loader's result.</param>
/// <param name="Snapshot">The snapshot it came from.</param>
/// <param name="Skipped">Newer snapshots that were incomplete or corrupt, newest first, with the reason.</param>
public sealed record SnapshotLoadResult<T>(T Value, SnapshotFileInfo Snapshot, IReadOnlyList<(SnapshotFileInfo Snapshot, Exception Error)> Skipped);
