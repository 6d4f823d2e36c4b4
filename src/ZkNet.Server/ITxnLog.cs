using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server;

/// <summary>One txn as it goes to the log: its header, record and the tree digest after it.</summary>
/// <param name="Header">The TxnHeader.</param>
/// <param name="Body">The txn record.</param>
/// <param name="Digest">The tree digest once the txn is applied (logged as a TxnDigest), or null to log none.</param>
public readonly record struct LoggedTxn(TxnHeader Header, IJuteRecord Body, long? Digest = null);

/// <summary>
/// The durability seam: ZkNet.Persistence implements it with ZooKeeper's on-disk txn log. The server hands it
/// every txn of a batch, in zxid order, and waits for the one sync that covers them all before any reply of that
/// batch leaves (group commit).
/// </summary>
public interface ITxnLog : IAsyncDisposable
{
    /// <summary>
    /// Appends the txns and makes them durable (one fsync for the lot when forceSync is on). When
    /// <paramref name="rollFirst"/> is set the log is rolled to a new file before the first of them (a snapshot
    /// was started just before these txns).
    /// </summary>
    ValueTask AppendAndSyncAsync(IReadOnlyList<LoggedTxn> txns, bool rollFirst, CancellationToken cancellationToken);

    /// <summary>Bytes logged since the log was last rolled (read by the processor to apply snapSizeLimitInKb).</summary>
    long BytesSinceRoll { get; }
}
