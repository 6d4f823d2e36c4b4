using ZkNet.Persistence.Snapshots;

namespace ZkNet.Persistence.DataDir;

/// <summary>A snapshot file found in the snapshot directory.</summary>
/// <param name="Path">The file.</param>
/// <param name="Zxid">The zxid in its name: the last txn applied when it was started.</param>
/// <param name="Compression">Its compression, from its name.</param>
public sealed record SnapshotFileInfo(string Path, long Zxid, SnapshotCompression Compression);
