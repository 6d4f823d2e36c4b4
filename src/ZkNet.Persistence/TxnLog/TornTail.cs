namespace ZkNet.Persistence.TxnLog;

/// <summary>
/// Where a txn log stops with an incomplete record: a write cut short by a crash, after which the file holds no
/// complete record. Nothing from there on was ever acknowledged (a commit returns only after its fsync), so
/// recovery cuts the file there with <see cref="TxnLogFiles.TruncateAt"/> before appending again.
/// </summary>
/// <param name="File">The last log file.</param>
/// <param name="Offset">Offset of the incomplete record.</param>
/// <param name="Reason">What was wrong with it.</param>
public sealed record TornTail(string File, long Offset, string Reason)
{
    /// <summary>Cuts the file at <see cref="Offset"/> (deleting it when not even its header is complete).</summary>
    public void Truncate() => TxnLogFiles.TruncateAt(File, Offset);
}
