using ZkNet.Persistence.Txns;

namespace ZkNet.Persistence.TxnLog;

/// <summary>A record read back from a txn log, with where it lies.</summary>
/// <param name="Entry">The decoded txn.</param>
/// <param name="File">The log file.</param>
/// <param name="Offset">Offset of the record (its checksum) in the file.</param>
/// <param name="Length">Bytes the record occupies: checksum, length, payload and end-of-record byte.</param>
/// <param name="Payload">The raw payload (TxnHeader + record + digest). Valid only until the reader moves on:
/// copy it to keep it (a leader forwarding logged txns to a learner can send it as is).</param>
public readonly record struct TxnLogRecord(TxnLogEntry Entry, string File, long Offset, int Length, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The txn's zxid.</summary>
    public long Zxid => Entry.Zxid;
}
