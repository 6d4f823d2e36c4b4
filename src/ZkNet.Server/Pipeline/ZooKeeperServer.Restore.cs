using Microsoft.Extensions.Logging;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// The AdminServer's restore (ZooKeeper 3.9's restore command, ZooKeeperServer.restoreFromSnapshot): the committed
/// state is replaced by a tree and sessions read from a snapshot, on the processor thread, between batches.
/// </summary>
public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// Replaces the tree and sessions with <paramref name="tree"/> and <paramref name="sessions"/>; call it on the
    /// processor thread (through <see cref="InspectAsync{T}"/>). Returns the zxid the server now stands at, or null
    /// when txns are in flight (proposed, not yet applied): the caller asks again after the next batch, so that no
    /// txn validated against the old tree is applied to the new one.
    /// <para>
    /// Unlike ZooKeeper, which takes the snapshot's zxid as it is, the zxid never goes back: the restored tree stands
    /// at the larger of its own zxid and the current one, so clients that have seen the current zxid can reconnect,
    /// and the snapshot written at once (when the server has a data directory) supersedes the log before it on
    /// recovery. Every client connection is closed: clients reconnect and set their watches again on the new tree
    /// (those whose sessions the snapshot does not hold find them expired).
    /// </para>
    /// </summary>
    /// <exception cref="InvalidOperationException">This server is an ensemble member's (restore is standalone only).</exception>
    public long? RestoreState(Tree tree, IReadOnlyDictionary<long, int> sessions)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(sessions);
        if (Role != ServerRole.Standalone)
        {
            throw new InvalidOperationException("restore is only supported on a standalone server");
        }
        if (_proposals.Count > 0)
        {
            return null;
        }
        if (!Options.DigestEnabled)
        {
            tree.DigestEnabled = false;
        }
        var before = Tree.LastProcessedZxid;
        tree.LastProcessedZxid = Math.Max(tree.LastProcessedZxid, Math.Max(before, _zxids.Last));
        ResetState(tree, sessions);
        foreach (var cnxn in Connections?.Snapshot() ?? [])
        {
            cnxn.StageClose();
        }
        TakeSnapshotNow();
        LogRestored(before, tree.LastProcessedZxid, tree.NodeCount, sessions.Count);
        return tree.LastProcessedZxid;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Restored from a snapshot: was at zxid 0x{Before:x}, now at 0x{After:x} with {Nodes} nodes and {Sessions} sessions")]
    private partial void LogRestored(long before, long after, int nodes, int sessions);
}
