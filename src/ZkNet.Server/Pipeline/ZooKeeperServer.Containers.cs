using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    private long _lastContainerCheck;

    /// <summary>
    /// ZooKeeper's ContainerManager: every checkIntervalMs, delete containers that have had children and have none
    /// left, and TTL nodes without children unmodified for longer than their TTL, at most maxPerMinute a minute.
    /// Each deletion is an ordinary deleteContainer txn, so it is logged and fires watches like any delete.
    /// </summary>
    private void ReapContainers()
    {
        var now = MonotonicNow();
        if (now - _lastContainerCheck < Options.ContainerCheckIntervalMs)
        {
            return;
        }
        _lastContainerCheck = now;
        var budget = Math.Max(1, (int)Math.Min(int.MaxValue, (long)Options.ContainerMaxPerMinute * Options.ContainerCheckIntervalMs / 60_000));
        var wallNow = WallNow();
        var candidates = new List<string>();
        foreach (var path in Tree.Containers)
        {
            var node = Tree.GetNode(path);
            // A container that never had a child (cversion 0) is kept: it was probably just created.
            if (node is not null && node.ChildCount == 0 && node.Cversion > 0)
            {
                candidates.Add(path);
            }
        }
        foreach (var path in Tree.Ttls)
        {
            var node = Tree.GetNode(path);
            if (node is not null && node.ChildCount == 0 && wallNow - node.Mtime > EphemeralOwnerCodec.TtlOf(node.EphemeralOwner))
            {
                candidates.Add(path);
            }
        }
        foreach (var path in candidates.Take(budget))
        {
            var err = PrepTxn(OpCode.DeleteContainer, new DeleteRequest(path, -1), [], 0, out var type, out var txn);
            if (err != ErrorCode.Ok)
            {
                // Not a candidate any more once the txns in flight are counted (a child is being created, or a
                // delete of it is already proposed).
                _view.Clear();
                continue;
            }
            var header = new TxnHeader(0, 0, NextZxid(), wallNow, type);
            Propose(new Proposal(header, txn!, null, null), ordered: false);
        }
    }
}
