using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Txns;

/// <summary>
/// One logged transaction as ZooKeeper's TxnLogEntry holds it: the header, the txn record for the header's type
/// (null only for a closeSession written before CloseSessionTxn existed) and the tree digest after applying it
/// (null when the writer had digests off).
/// </summary>
/// <param name="Header">Session, cxid, zxid, time and type.</param>
/// <param name="Record">The txn record: CreateTxn, DeleteTxn, SetDataTxn, MultiTxn, ...</param>
/// <param name="Digest">The digest of the whole tree after this txn.</param>
public sealed record TxnLogEntry(TxnHeader Header, IJuteRecord? Record, TxnDigest? Digest)
{
    /// <summary>The txn's zxid.</summary>
    public long Zxid => Header.Zxid;

    /// <summary>The txn type (an <see cref="ZkNet.Protocol.OpCode"/> value).</summary>
    public int Type => Header.Type;
}
