namespace ZkNet.Server.DataTree;

public sealed partial class DataTree
{
    /// <summary>
    /// Starts restoring a snapshot's nodes in the order it lists them. Restore every node through the returned
    /// object before the tree serves or replays.
    /// </summary>
    public DataTreeRestore BeginRestore() => new(this);

    /// <summary>Makes room for <paramref name="nodes"/> nodes in all, so that restoring them does not regrow the table.</summary>
    internal void Reserve(int nodes)
    {
        if (nodes > _nodes.Count)
        {
            _nodes.EnsureCapacity(nodes);
        }
    }

    /// <summary>Adds a node read from a snapshot (the parent must already be present, as snapshots list parents first).</summary>
    public void RestoreNode(string path, DataNode node) => RestoreNode(path, node, likelyParent: null);

    /// <summary>
    /// Adds a snapshot node under <paramref name="likelyParent"/> when that is its parent (compared by path, no
    /// lookup), else under the parent found by path. Returns the node now at the path (the root and the system
    /// nodes exist already and take the snapshot's copy) and the parent it was added under (null when it existed).
    /// </summary>
    internal (DataNode Placed, DataNode? Parent) RestoreNode(string path, DataNode node, DataNode? likelyParent)
    {
        if (path == RootPath || path.Length == 0)
        {
            // ZooKeeper's loaded root sits under two keys, "" and "/", and each counts its data.
            ApproximateDataSize += 2L * (node.DataLength - Root.DataLength);
            Undigest(RootPath, Root);
            CopyPersisted(node, Root);
            Redigest(RootPath, Root);
            return (Root, null);
        }
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_nodes, path, out var exists);
        if (exists)
        {
            // System nodes exist from the constructor; a snapshot's copy wins. The constructor's usage of its ACL
            // reference is not removed: restoring the snapshot's ACL cache already reset that reference's count
            // (ZooKeeper's /zookeeper/config uses reference 1 in both), and removing it here dropped the entry
            // while the node still pointed at it, so getData and getACL on /zookeeper/config failed after a restart.
            ApproximateDataSize += node.DataLength - slot!.DataLength;
            Undigest(path, slot);
            CopyPersisted(node, slot);
            Redigest(path, slot);
            AclCache.AddUsage(slot.AclRef);
            return (slot, null);
        }
        var lastSlash = path.LastIndexOf('/');
        var parentPath = lastSlash <= 0 ? RootPath.AsSpan() : path.AsSpan(0, lastSlash);
        DataNode? parent = null;
        if (likelyParent is not null && parentPath.SequenceEqual(likelyParent.Path))
        {
            parent = likelyParent;
        }
        else if (!_nodes.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(parentPath, out parent))
        {
            // Nothing may be left under the path: the slot was added before the parent was known.
            _nodes.Remove(path);
            throw new InvalidOperationException($"snapshot lists {path} before its parent");
        }
        slot = node;
        node.Path = path;
        parent.AddChild(path[(lastSlash + 1)..], node);
        AclCache.AddUsage(node.AclRef);
        ApproximateDataSize += path.Length + node.DataLength;
        Redigest(path, node);
        Index(path, node);
        return (node, parent);
    }

    private static void CopyPersisted(DataNode from, DataNode to)
    {
        to.Data = from.Data;
        to.AclRef = from.AclRef;
        to.Czxid = from.Czxid;
        to.Mzxid = from.Mzxid;
        to.Pzxid = from.Pzxid;
        to.Ctime = from.Ctime;
        to.Mtime = from.Mtime;
        to.Version = from.Version;
        to.Cversion = from.Cversion;
        to.Aversion = from.Aversion;
        to.EphemeralOwner = from.EphemeralOwner;
    }
}
