namespace ZkNet.Server.DataTree;

/// <summary>
/// Quotas, kept as ZooKeeper 3.8's DataTree keeps them. A quota on /a is the node /zookeeper/quota/a/zookeeper_limits
/// (what the operator set) beside /zookeeper/quota/a/zookeeper_stats (what the server counts: the nodes of the
/// subtree at /a, /a itself included, and the sum of their data lengths). The server only counts:
/// <list type="bullet">
/// <item>creating a zookeeper_limits node makes its path a quota root (ZooKeeper's PathTrie); deleting it ends that;</item>
/// <item>creating a zookeeper_stats node recounts the subtree and overwrites the new node's data with the result;</item>
/// <item>a create, delete or setData anywhere under a quota root adds its difference to the stats of the deepest
/// quota root above it (only that one: an enclosing quota does not see it);</item>
/// <item>loading a snapshot recounts every quota from the tree (<see cref="SetupQuota"/>), so an enclosing quota
/// then does include its nested quotas' nodes.</item>
/// </list>
/// Stats updates replace the stats node's data without touching its Stat (no new mzxid or version) and, as in
/// ZooKeeper, without changing the cached approximate data size. A tree without quotas pays one count check per
/// write.
/// </summary>
public sealed partial class DataTree
{
    /// <summary>The name of the node holding a quota's limits.</summary>
    public const string LimitNode = "zookeeper_limits";
    /// <summary>The name of the node holding a quota's counts.</summary>
    public const string StatNode = "zookeeper_stats";

    private const string QuotaPrefix = QuotaZookeeper + "/";
    private const string LimitSuffix = "/" + LimitNode;

    // The real paths that have a quota (ZooKeeper's PathTrie, as a set: only "which is the deepest root above this
    // path" is ever asked).
    private readonly HashSet<string> _quotaRoots = new(StringComparer.Ordinal);

    /// <summary>The real paths that have a quota (a zookeeper_limits node), for dumps and tests.</summary>
    public IReadOnlyCollection<string> QuotaRoots => _quotaRoots;

    /// <summary>/zookeeper/quota + <paramref name="path"/> + /zookeeper_limits.</summary>
    public static string LimitPath(string path) => QuotaZookeeper + path + "/" + LimitNode;

    /// <summary>/zookeeper/quota + <paramref name="path"/> + /zookeeper_stats.</summary>
    public static string StatPath(string path) => QuotaZookeeper + path + "/" + StatNode;

    /// <summary>
    /// The deepest quota root that is <paramref name="path"/> or one of its ancestors, or null (ZooKeeper's
    /// getMaxPrefixWithQuota; the root itself never has a quota).
    /// </summary>
    public string? MaxPrefixWithQuota(string path)
    {
        if (_quotaRoots.Count == 0)
        {
            return null;
        }
        var lookup = _quotaRoots.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = path.AsSpan();
        while (span.Length > 1)
        {
            if (lookup.TryGetValue(span, out var root))
            {
                return root;
            }
            span = span[..span.LastIndexOf('/')];
        }
        return null;
    }

    /// <summary>
    /// Recounts every quota from the tree, as ZooKeeper does after reading a snapshot: each zookeeper_limits leaf
    /// under /zookeeper/quota becomes a quota root and its stats node (if any) gets the subtree's count and bytes.
    /// </summary>
    public void SetupQuota()
    {
        _quotaRoots.Clear();
        if (!_nodes.TryGetValue(QuotaZookeeper, out var quota))
        {
            return;
        }
        var stack = new Stack<DataNode>();
        stack.Push(quota);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.ChildCount > 0)
            {
                foreach (var child in node.ChildNodes)
                {
                    stack.Push(child);
                }
                continue;
            }
            if (!node.Path.EndsWith(LimitSuffix, StringComparison.Ordinal))
            {
                continue;
            }
            // ZooKeeper takes the real path up to the first "/zookeeper_limits" in the path.
            var realPath = node.Path[QuotaZookeeper.Length..node.Path.IndexOf(LimitSuffix, StringComparison.Ordinal)];
            if (realPath.Length > 0)
            {
                UpdateQuotaForPath(realPath);
                _quotaRoots.Add(realPath);
            }
        }
    }

    /// <summary>A node was created: a limits node starts a quota, a stats node is filled, and the quota above counts it.</summary>
    private void QuotaAfterCreate(string path, string parentPath, string name, int dataLength)
    {
        if (path.StartsWith(QuotaPrefix, StringComparison.Ordinal) && parentPath.Length > QuotaZookeeper.Length)
        {
            if (name == LimitNode)
            {
                _quotaRoots.Add(parentPath[QuotaZookeeper.Length..]);
            }
            else if (name == StatNode)
            {
                UpdateQuotaForPath(parentPath[QuotaZookeeper.Length..]);
            }
        }
        if (MaxPrefixWithQuota(path) is { } root)
        {
            UpdateQuotaStat(root, dataLength, 1);
        }
    }

    /// <summary>A node was deleted: a limits node ends its quota, and the quota above stops counting the node.</summary>
    private void QuotaAfterDelete(string path, string parentPath, int dataLength)
    {
        if (path.EndsWith(LimitSuffix, StringComparison.Ordinal) && path.StartsWith(QuotaPrefix, StringComparison.Ordinal)
            && parentPath.Length > QuotaZookeeper.Length)
        {
            _quotaRoots.Remove(parentPath[QuotaZookeeper.Length..]);
        }
        if (MaxPrefixWithQuota(path) is { } root)
        {
            UpdateQuotaStat(root, -dataLength, -1);
        }
    }

    /// <summary>Adds to the counts in the stats node of <paramref name="root"/> (ZooKeeper's updateQuotaStat).</summary>
    private void UpdateQuotaStat(string root, long bytesDiff, int countDiff)
    {
        if (!_nodes.TryGetValue(StatPath(root), out var statNode))
        {
            return; // ZooKeeper logs "Missing node for stat" and goes on
        }
        lock (statNode)
        {
            // Rewritten even when nothing changes (a setData of the same length), as ZooKeeper rewrites it: the
            // text comes back in StatsTrack's form.
            var stats = StatsTrack.Parse(statNode.Data);
            stats.Count += countDiff;
            stats.Bytes += bytesDiff;
            statNode.Data = stats.ToBytes();
        }
    }

    /// <summary>Recounts the subtree at <paramref name="path"/> into its stats node (ZooKeeper's updateQuotaForPath).</summary>
    private void UpdateQuotaForPath(string path)
    {
        if (!_nodes.TryGetValue(StatPath(path), out var statNode))
        {
            return;
        }
        long count = 0;
        long bytes = 0;
        if (_nodes.TryGetValue(path, out var top))
        {
            var stack = new Stack<DataNode>();
            stack.Push(top);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                count++;
                bytes += node.DataLength;
                foreach (var child in node.ChildNodes)
                {
                    stack.Push(child);
                }
            }
        }
        var stats = new StatsTrack { Count = count, Bytes = bytes };
        lock (statNode)
        {
            statNode.Data = stats.ToBytes();
        }
    }
}
