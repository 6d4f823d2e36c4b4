using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Persistence.Digest;

/// <summary>
/// ZooKeeper's tree digest (DigestCalculator version 2 and NodeHashMapImpl's AdHash): each node's digest is the
/// CRC-32 of its path (UTF-8; the root as ""), its data, then czxid, mzxid, pzxid, ctime, mtime (longs), version,
/// cversion, aversion (ints) and ephemeralOwner (long), big-endian; nodes under "/zookeeper/" count as 0. The tree
/// digest is the 64-bit wrapping sum of the node digests, so a change subtracts the old node digest and adds the
/// new one. It is what TxnDigest and the snapshot digest trailer record; the server's DataTree keeps it live.
/// </summary>
public static class DigestCalculator
{
    /// <summary>The digest algorithm version this implements.</summary>
    public const int Version = Tree.DigestVersion;

    /// <summary>The digest of one node.</summary>
    public static long NodeDigest(string path, ReadOnlySpan<byte> data, in StatPersisted stat) => Tree.NodeDigest(path, data,
        stat.Czxid, stat.Mzxid, stat.Pzxid, stat.Ctime, stat.Mtime, stat.Version, stat.Cversion, stat.Aversion, stat.EphemeralOwner);

    /// <summary>Adds a node's digest to a tree digest (AdHash.addDigest).</summary>
    public static long Add(long treeDigest, long nodeDigest) => unchecked(treeDigest + nodeDigest);

    /// <summary>Removes a node's digest from a tree digest (AdHash.removeDigest).</summary>
    public static long Remove(long treeDigest, long nodeDigest) => unchecked(treeDigest - nodeDigest);
}
