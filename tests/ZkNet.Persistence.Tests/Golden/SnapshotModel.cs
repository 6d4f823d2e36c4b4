using ZkNet.Persistence.Digest;
using ZkNet.Persistence.Snapshots;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Golden;

/// <summary>A snapshot read whole into memory, for assertions.</summary>
internal sealed record SnapshotModel(
    FileHeader Header,
    IReadOnlyList<KeyValuePair<long, int>> Sessions,
    IReadOnlyDictionary<long, IReadOnlyList<Acl>> Acls,
    IReadOnlyList<SnapshotNode> Nodes,
    SnapshotDigest? Digest)
{
    public static SnapshotModel Read(string path)
    {
        using var reader = SnapshotReader.Open(path);
        return Read(reader);
    }

    public static SnapshotModel Read(SnapshotReader reader)
    {
        var sessions = reader.ReadSessions();
        var acls = reader.ReadAclCache();
        var nodes = new List<SnapshotNode>();
        while (reader.TryReadNode(out var node))
        {
            nodes.Add(node);
        }
        return new SnapshotModel(reader.Header, sessions, acls, nodes, reader.ReadTrailer());
    }

    public IReadOnlyList<Acl> AclOf(SnapshotNode node) => node.AclRef == -1 ? Acl.OpenAclUnsafe : Acls[node.AclRef];

    public long TreeDigest() => Nodes.Aggregate(0L, (sum, n) =>
        DigestCalculator.Add(sum, DigestCalculator.NodeDigest(n.Path, n.Data, n.Stat)));
}
