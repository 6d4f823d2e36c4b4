using System.Diagnostics;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.DataTree;
using ZkNet.Server.Metrics;

namespace ZkNet.Hosting.Persistence;

/// <summary>
/// Times each snapshot from its start to its sealing (ZooKeeper's snapshottime, in ms) and counts the snapshots
/// sealed (snap_count), around the real store, so the server core needs no timing code of its own.
/// </summary>
internal sealed class MeasuredSnapshotStore(ISnapshotStore inner, ServerMetrics metrics) : ISnapshotStore
{
    public ISnapshotSink Begin(long zxid) => new Sink(inner.Begin(zxid), zxid, metrics, Stopwatch.GetTimestamp());

    private sealed class Sink(ISnapshotSink inner, long zxid, ServerMetrics metrics, long started) : ISnapshotSink
    {
        public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions) => inner.WriteSessions(sessions);

        public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls) => inner.WriteAclCache(acls);

        public void WriteNode(string path, in DataNodeImage node) => inner.WriteNode(path, node);

        public void Complete(ZxidDigest? digest)
        {
            inner.Complete(digest);
            metrics.Summary("snapshottime").Record((long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            metrics.Counter("snap_count").Add();
            metrics.LastSnapshot = new SnapshotInfo(zxid, DateTimeOffset.UtcNow);
        }

        public void Dispose() => inner.Dispose();
    }
}
