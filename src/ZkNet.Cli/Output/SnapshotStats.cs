using ZkNet.Persistence.Digest;
using ZkNet.Persistence.Snapshots;
using ZkNet.Server.DataTree;

namespace ZkNet.Cli.Output;

/// <summary>
/// What <c>zknet snapshot summary</c> learns from one pass over the nodes: the figures of ZooKeeper's SnapshotComparer
/// (node count, total data size, depth histogram) plus node kinds, the biggest nodes and parents, and the tree
/// digest recomputed from the nodes, to hold against the digest the writer recorded.
/// </summary>
internal sealed class SnapshotStats
{
    private const int TopCount = 5;

    private readonly Dictionary<string, int> _children = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string Path, long Size), long> _largest = new();
    private readonly Dictionary<long, int> _ephemeralsBySession = [];

    public long NodeCount { get; private set; }

    public long TotalDataSize { get; private set; }

    /// <summary>Nodes per depth, the root at depth 0.</summary>
    public List<long> NodesAtDepth { get; } = [];

    public long EphemeralNodes { get; private set; }

    public long Containers { get; private set; }

    public long TtlNodes { get; private set; }

    public long MaxZxid { get; private set; }

    /// <summary>The sum of node digests (DigestCalculator v2), as ZooKeeper keeps it for the whole tree.</summary>
    public long ComputedDigest { get; private set; }

    public IReadOnlyDictionary<long, int> EphemeralsBySession => _ephemeralsBySession;

    public void Add(in SnapshotNode node)
    {
        NodeCount++;
        var size = node.Data?.Length ?? 0;
        TotalDataSize += size;
        var depth = node.Path == "/" ? 0 : node.Path.AsSpan().Count('/');
        while (NodesAtDepth.Count <= depth)
        {
            NodesAtDepth.Add(0);
        }
        NodesAtDepth[depth]++;
        var stat = node.Stat;
        MaxZxid = Math.Max(MaxZxid, Math.Max(stat.Mzxid, stat.Pzxid));
        switch (EphemeralOwnerCodec.TypeOf(stat.EphemeralOwner, extendedTypesEnabled: true))
        {
            case EphemeralType.Normal:
                EphemeralNodes++;
                _ephemeralsBySession[stat.EphemeralOwner] = _ephemeralsBySession.GetValueOrDefault(stat.EphemeralOwner) + 1;
                break;
            case EphemeralType.Container:
                Containers++;
                break;
            case EphemeralType.Ttl:
                TtlNodes++;
                break;
            default:
                break;
        }
        if (depth > 0)
        {
            // Count children under the parent's path without allocating it for every node.
            var parent = node.Path.AsSpan(0, Math.Max(1, node.Path.LastIndexOf('/')));
            var lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
            lookup[parent] = lookup.TryGetValue(parent, out var count) ? count + 1 : 1;
        }
        Offer(_largest, node.Path, size);
        ComputedDigest = DigestCalculator.Add(ComputedDigest, DigestCalculator.NodeDigest(node.Path, node.Data, stat));
    }

    /// <summary>The largest nodes by data size, biggest first.</summary>
    public IReadOnlyList<(string Path, long Size)> Largest() => Drain(_largest);

    /// <summary>The parents with the most children, most first.</summary>
    public IReadOnlyList<(string Path, long Size)> MostChildren()
    {
        var queue = new PriorityQueue<(string Path, long Size), long>();
        foreach (var (path, count) in _children)
        {
            Offer(queue, path, count);
        }
        return Drain(queue);
    }

    private static void Offer(PriorityQueue<(string Path, long Size), long> queue, string path, long size)
    {
        if (size == 0)
        {
            return;
        }
        if (queue.Count < TopCount)
        {
            queue.Enqueue((path, size), size);
        }
        else if (queue.TryPeek(out _, out var smallest) && size > smallest)
        {
            queue.DequeueEnqueue((path, size), size);
        }
    }

    private static List<(string Path, long Size)> Drain(PriorityQueue<(string Path, long Size), long> queue)
    {
        var copy = new PriorityQueue<(string Path, long Size), long>(queue.UnorderedItems);
        var list = new List<(string Path, long Size)>(copy.Count);
        while (copy.TryDequeue(out var item, out _))
        {
            list.Add(item);
        }
        list.Reverse();
        return list;
    }
}
