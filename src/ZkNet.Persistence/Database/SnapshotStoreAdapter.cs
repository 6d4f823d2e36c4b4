using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Server;

namespace ZkNet.Persistence.Database;

/// <summary>The server's <see cref="ISnapshotStore"/> on ZooKeeper's snapshot.&lt;zxid&gt; files.</summary>
/// <param name="snapLog">The data directories.</param>
/// <param name="compression">How new snapshots are compressed (zookeeper.snapshot.compression.method).</param>
public sealed class SnapshotStoreAdapter(FileTxnSnapLog snapLog, SnapshotCompression compression = SnapshotCompression.None) : ISnapshotStore
{
    /// <inheritdoc />
    public ISnapshotSink Begin(long zxid) => new WriterSnapshotSink(snapLog.CreateSnapshot(zxid, compression));
}
