using ZkNet.Persistence.Snapshots;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Persistence.Database;

public static partial class ZkDatabase
{
    /// <summary>
    /// Builds a tree and its sessions from a snapshot file's bytes arriving on <paramref name="stream"/> (the
    /// AdminServer's restore): header, sessions, ACLs, nodes and the checksum seals are all checked. The tree's zxid is
    /// the digest trailer's when the snapshot has one, else the largest zxid any node carries (a snapshot file names
    /// its zxid only in its file name, which a stream does not have).
    /// </summary>
    /// <exception cref="SnapshotCorruptException">The bytes are not a whole, intact ZooKeeper snapshot.</exception>
    public static (Tree Tree, Dictionary<long, int> Sessions) ReadSnapshotStream(Stream stream, bool extendedTypesEnabled,
        string name = "(stream)")
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new SnapshotReader(stream, SnapshotCompression.None, name);
            var (tree, sessions) = ReadSnapshot(reader, extendedTypesEnabled, out var digest);
            tree.LastProcessedZxid = digest is { Zxid: > 0 } d
                ? d.Zxid
                : tree.Nodes.Select(n => Math.Max(n.Value.Pzxid, Math.Max(n.Value.Mzxid, n.Value.Czxid))).DefaultIfEmpty(0).Max();
            return (tree, sessions);
        }
        catch (EndOfStreamException e)
        {
            throw new SnapshotCorruptException($"{name}: the snapshot ends early ({e.Message})", e);
        }
    }
}
