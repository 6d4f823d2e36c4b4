namespace ZkNet.Persistence.TxnLog;

/// <summary>What one <see cref="FileTxnLog.Commit"/> made durable.</summary>
/// <param name="Records">Records written by this commit.</param>
/// <param name="Bytes">Bytes written by this commit (records, and the header of any new file).</param>
/// <param name="LastZxid">The highest zxid now durable (0 if nothing was ever appended).</param>
/// <param name="FsyncDuration">Time spent in fsync (zero with ForceSync off or nothing to sync).</param>
/// <param name="FsyncThresholdExceeded">Whether <paramref name="FsyncDuration"/> exceeded fsync.warningthresholdms.</param>
public readonly record struct TxnLogCommit(int Records, long Bytes, long LastZxid, TimeSpan FsyncDuration, bool FsyncThresholdExceeded);
