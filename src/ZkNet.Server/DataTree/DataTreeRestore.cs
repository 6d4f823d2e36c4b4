namespace ZkNet.Server.DataTree;

/// <summary>
/// Restores a snapshot's nodes into a <see cref="DataTree"/> in the order the snapshot lists them. ZooKeeper's
/// DataTree.serializeNode and ZkNet's writer both write a node, then each child's subtree in turn (depth first),
/// so the parent of the next node is almost always on the chain of nodes from the root to the previous one: it is
/// found by comparing paths down that chain, without a lookup or a new parent path string. Any other order that
/// lists parents first still loads (the parent is then looked up by path); a node listed before its parent is
/// refused. Used before the tree serves, on one thread.
/// </summary>
public sealed class DataTreeRestore
{
    private readonly DataTree _tree;
    // The nodes from the root down to the last one restored (after a parent was looked up, that parent and its
    // subtree), shortest path first.
    private readonly List<DataNode> _chain = [];

    internal DataTreeRestore(DataTree tree) => _tree = tree;

    /// <summary>
    /// Sizes the tree for about <paramref name="nodes"/> nodes in all: growing the path table by doubling rehashes
    /// every path already in it each time (some 20 times over a million nodes), and leaves the old tables as garbage.
    /// </summary>
    public void Reserve(int nodes) => _tree.Reserve(nodes);

    /// <summary>Adds the next node read from the snapshot (see <see cref="DataTree.RestoreNode(string, DataNode)"/>).</summary>
    /// <exception cref="InvalidOperationException">The node's parent has not been restored.</exception>
    public void Add(string path, DataNode node)
    {
        var lastSlash = path.LastIndexOf('/');
        var parentLength = lastSlash <= 0 ? 1 : lastSlash;
        // Nodes deeper than the parent (the previous node's subtree, now finished) cannot be its parent.
        while (_chain.Count > 0 && _chain[^1].Path.Length > parentLength)
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
        var (placed, parent) = _tree.RestoreNode(path, node, _chain.Count > 0 ? _chain[^1] : null);
        if (parent is not null && (_chain.Count == 0 || !ReferenceEquals(_chain[^1], parent)))
        {
            // The parent was looked up: it heads the chain for the siblings and subtree that follow.
            _chain.Add(parent);
        }
        _chain.Add(placed);
    }
}
