using System.Buffers.Binary;
using System.Text;
using ZkNet.Persistence.Checksums;

namespace ZkNet.Persistence.Digest;

/// <summary>
/// ZooKeeper's tree digest (DigestCalculator version 2 and NodeHashMapImpl's AdHash): each node's digest is the
/// CRC-32 of its path (UTF-8; the root as ""), its data, then czxid, mzxid, pzxid, ctime, mtime (longs), version,
/// cversion, aversion (ints) and ephemeralOwner (long), big-endian; nodes under "/zookeeper/" count as 0. The tree
/// digest is the 64-bit wrapping sum of the node digests, so a change subtracts the old node digest and adds the
/// new one. It is what TxnDigest and the snapshot digest trailer record.
/// </summary>
public static class DigestCalculator
{
    /// <summary>The digest algorithm version this implements.</summary>
    public const int Version = 2;

    private const string ZooKeeperSubtree = "/zookeeper/";

    /// <summary>The digest of one node.</summary>
    public static long NodeDigest(string path, ReadOnlySpan<byte> data, in StatPersisted stat)
    {
        if (path.StartsWith(ZooKeeperSubtree, StringComparison.Ordinal))
        {
            return 0;
        }
        if (path == "/")
        {
            path = "";
        }
        Span<byte> fields = stackalloc byte[60];
        BinaryPrimitives.WriteInt64BigEndian(fields, stat.Czxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[8..], stat.Mzxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[16..], stat.Pzxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[24..], stat.Ctime);
        BinaryPrimitives.WriteInt64BigEndian(fields[32..], stat.Mtime);
        BinaryPrimitives.WriteInt32BigEndian(fields[40..], stat.Version);
        BinaryPrimitives.WriteInt32BigEndian(fields[44..], stat.Cversion);
        BinaryPrimitives.WriteInt32BigEndian(fields[48..], stat.Aversion);
        BinaryPrimitives.WriteInt64BigEndian(fields[52..], stat.EphemeralOwner);

        var crc = Crc32.Initial;
        var maxBytes = Encoding.UTF8.GetMaxByteCount(path.Length);
        var pathBytes = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(path, pathBytes);
        crc = Crc32.Update(crc, pathBytes[..length]);
        crc = Crc32.Update(crc, data);
        crc = Crc32.Update(crc, fields);
        return Crc32.Finish(crc);
    }

    /// <summary>Adds a node's digest to a tree digest (AdHash.addDigest).</summary>
    public static long Add(long treeDigest, long nodeDigest) => unchecked(treeDigest + nodeDigest);

    /// <summary>Removes a node's digest from a tree digest (AdHash.removeDigest).</summary>
    public static long Remove(long treeDigest, long nodeDigest) => unchecked(treeDigest - nodeDigest);
}
