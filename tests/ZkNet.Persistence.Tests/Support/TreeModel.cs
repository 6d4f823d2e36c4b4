using ZkNet.Persistence.Digest;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Support;

/// <summary>
/// A minimal tree for tests that must produce correct digests: creates and setData applied as DataTree applies
/// them (a create sets the parent's cversion to the txn's parentCVersion and its pzxid to the zxid), keeping the
/// tree digest as ZooKeeper keeps it.
/// </summary>
internal sealed class TreeModel
{
    private readonly SortedDictionary<string, (byte[]? Data, long AclRef, StatPersisted Stat)> _nodes = new(StringComparer.Ordinal);

    public TreeModel()
    {
        // What a fresh ZooKeeper DataTree holds: the root, /zookeeper, /zookeeper/quota and /zookeeper/config.
        var empty = new StatPersisted(0, 0, 0, 0, 0, 0, 0, 0, 0);
        _nodes["/"] = ([], -1, empty);
        _nodes["/zookeeper"] = ([], -1, empty);
        _nodes["/zookeeper/config"] = ([], 1, empty with { Aversion = -1, Cversion = 0 });
        _nodes["/zookeeper/quota"] = ([], -1, empty);
        Acls[1] = Acl.ReadAclUnsafe;
    }

    public Dictionary<long, IReadOnlyList<Acl>> Acls { get; } = new();

    public long Digest => _nodes.Aggregate(0L, (sum, n) => DigestCalculator.Add(sum, DigestCalculator.NodeDigest(n.Key, n.Value.Data, n.Value.Stat)));

    public IEnumerable<string> Paths => _nodes.Keys;

    public (byte[]? Data, long AclRef, StatPersisted Stat) this[string path] => _nodes[path];

    public int NextParentCVersion(string path) => _nodes[Parent(path)].Stat.Cversion + 1;

    public void Create(string path, byte[]? data, long aclRef, long zxid, long time, long owner, int parentCVersion)
    {
        _nodes[path] = (data, aclRef, new StatPersisted(zxid, zxid, time, time, 0, 0, 0, owner, zxid));
        var parent = Parent(path);
        var p = _nodes[parent];
        _nodes[parent] = p with { Stat = p.Stat with { Cversion = parentCVersion, Pzxid = zxid } };
    }

    public void SetData(string path, byte[]? data, int version, long zxid, long time)
    {
        var n = _nodes[path];
        _nodes[path] = n with { Data = data, Stat = n.Stat with { Version = version, Mzxid = zxid, Mtime = time } };
    }

    /// <summary>Writes the tree as a snapshot, parents before children (sorted order puts a parent first).</summary>
    public string WriteSnapshot(string snapDir, long zxid, SnapshotCompression compression, IReadOnlyCollection<KeyValuePair<long, int>> sessions, SnapshotDigest? digest)
    {
        using var writer = SnapshotWriter.Create(snapDir, zxid, compression);
        writer.WriteSessions(sessions);
        writer.WriteAclCache(Acls.Select(kv => kv).ToList());
        foreach (var (path, node) in _nodes)
        {
            writer.WriteNode(path, node.Data, node.AclRef, node.Stat);
        }
        return writer.Complete(digest)!;
    }

    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
