using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Watches;

namespace ZkNet.Server.DataTree;

/// <summary>
/// The in-memory tree of znodes, with the ephemerals of each session, the container and TTL nodes awaiting
/// reaping, the ACL cache and the data and child watches. Changed only by applying txns (see DataTree.Txn.cs),
/// on the request processor thread; replay during recovery goes through the same code.
/// </summary>
public sealed partial class DataTree
{
    /// <summary>The root path.</summary>
    public const string RootPath = "/";
    /// <summary>ZooKeeper's own subtree.</summary>
    public const string ProcZookeeper = "/zookeeper";
    /// <summary>Where quotas are kept.</summary>
    public const string QuotaZookeeper = "/zookeeper/quota";
    /// <summary>The dynamic configuration node.</summary>
    public const string ConfigZookeeper = "/zookeeper/config";

    private readonly Dictionary<string, DataNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _ephemerals = [];
    private readonly HashSet<string> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ttls = new(StringComparer.Ordinal);

    /// <summary>Creates a tree holding the root and ZooKeeper's /zookeeper, /zookeeper/quota and /zookeeper/config.</summary>
    public DataTree(bool extendedTypesEnabled = false)
    {
        ExtendedTypesEnabled = extendedTypesEnabled;
        Root = new DataNode([], ReferenceCountedAclCache.OpenUnsafeAclRef, 0, 0, 0) { Path = RootPath };
        _nodes[RootPath] = Root;
        // ZooKeeper keys the root under "" and "/", and its approximate data size counts both keys.
        ApproximateDataSize = RootPath.Length;
        AddSystemNode(RootPath, "zookeeper", Acl.OpenAclUnsafe);
        AddSystemNode(ProcZookeeper, "quota", Acl.OpenAclUnsafe);
        // ZooKeeper creates /zookeeper/config read-only for everyone, with aversion -1.
        AddSystemNode(ProcZookeeper, "config", Acl.ReadAclUnsafe).Aversion = -1;
        RecomputeDigest();
    }

    /// <summary>Whether TTL owner values are recognised (zookeeper.extendedTypesEnabled).</summary>
    public bool ExtendedTypesEnabled { get; }

    /// <summary>The ACL cache.</summary>
    public ReferenceCountedAclCache AclCache { get; } = new();

    /// <summary>Data and exists watches.</summary>
    public WatchManager DataWatches { get; } = new();

    /// <summary>Child watches.</summary>
    public WatchManager ChildWatches { get; } = new();

    /// <summary>The zxid of the last txn applied.</summary>
    public long LastProcessedZxid { get; set; }

    /// <summary>Number of znodes, the root included.</summary>
    public int NodeCount => _nodes.Count;

    /// <summary>
    /// Sum of path lengths and data lengths (ZooKeeper's approximate data size, mntr's zk_approximate_data_size),
    /// kept as ZooKeeper keeps it: the root counted under its two keys, so a root loaded from a snapshot counts its
    /// data twice while a live setData on the root counts the change once.
    /// </summary>
    public long ApproximateDataSize { get; private set; }

    /// <summary>Every path and node (for snapshots and dumps).</summary>
    public IEnumerable<KeyValuePair<string, DataNode>> Nodes => _nodes;

    /// <summary>Container paths.</summary>
    public IReadOnlyCollection<string> Containers => _containers;

    /// <summary>TTL node paths.</summary>
    public IReadOnlyCollection<string> Ttls => _ttls;

    /// <summary>Sessions that own ephemerals.</summary>
    public IEnumerable<long> EphemeralOwners => _ephemerals.Keys;

    /// <summary>Total ephemeral count.</summary>
    public int EphemeralCount => _ephemerals.Values.Sum(s => s.Count);

    /// <summary>The root node (never replaced: restoring a snapshot copies into it), safe to read from any thread.</summary>
    public DataNode Root { get; }

    /// <summary>The node at <paramref name="path"/>, or null.</summary>
    public DataNode? GetNode(string path) => _nodes.GetValueOrDefault(path);

    /// <summary>The ACL of a node.</summary>
    public IReadOnlyList<Acl> GetAcl(DataNode node) => AclCache.Lookup(node.AclRef);

    /// <summary>The client-visible Stat of a node.</summary>
    public Stat StatOf(DataNode node) => node.ToStat(ExtendedTypesEnabled);

    /// <summary>What kind of node the owner value marks.</summary>
    public EphemeralType TypeOf(DataNode node) => EphemeralOwnerCodec.TypeOf(node.EphemeralOwner, ExtendedTypesEnabled);

    /// <summary>The ephemeral paths of a session.</summary>
    public IReadOnlyCollection<string> GetEphemerals(long sessionId) =>
        _ephemerals.TryGetValue(sessionId, out var paths) ? paths : [];

    /// <summary>Number of descendants of <paramref name="path"/> (getAllChildrenNumber).</summary>
    public int CountDescendants(string path)
    {
        if (path == RootPath)
        {
            return _nodes.Count - 1;
        }
        if (!_nodes.TryGetValue(path, out var top))
        {
            return 0;
        }
        // Child references: no path is built or looked up per descendant.
        var count = 0;
        var stack = new Stack<DataNode>();
        stack.Push(top);
        while (stack.TryPop(out var node))
        {
            foreach (var child in node.ChildNodes)
            {
                count++;
                stack.Push(child);
            }
        }
        return count;
    }

    private DataNode AddSystemNode(string parentPath, string name, IReadOnlyList<Acl> acl)
    {
        var path = PathUtils.Child(parentPath, name);
        var node = new DataNode([], AclCache.AddUsage(acl), 0, 0, 0) { Path = path };
        _nodes[path] = node;
        _nodes[parentPath].AddChild(name, node);
        ApproximateDataSize += path.Length;
        return node;
    }

    private void Index(string path, DataNode node)
    {
        switch (TypeOf(node))
        {
            case EphemeralType.Container:
                _containers.Add(path);
                break;
            case EphemeralType.Ttl:
                _ttls.Add(path);
                break;
            case EphemeralType.Normal:
                if (!_ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
                {
                    paths = new HashSet<string>(StringComparer.Ordinal);
                    _ephemerals[node.EphemeralOwner] = paths;
                }
                paths.Add(path);
                break;
            case EphemeralType.Void:
            default:
                break;
        }
    }

    private void Unindex(string path, DataNode node)
    {
        switch (TypeOf(node))
        {
            case EphemeralType.Container:
                _containers.Remove(path);
                break;
            case EphemeralType.Ttl:
                _ttls.Remove(path);
                break;
            case EphemeralType.Normal:
                if (_ephemerals.TryGetValue(node.EphemeralOwner, out var paths))
                {
                    paths.Remove(path);
                    if (paths.Count == 0)
                    {
                        _ephemerals.Remove(node.EphemeralOwner);
                    }
                }
                break;
            case EphemeralType.Void:
            default:
                break;
        }
    }
}
