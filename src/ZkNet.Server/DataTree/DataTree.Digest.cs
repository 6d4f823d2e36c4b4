using System.Buffers.Binary;
using System.Text;
using ZkNet.Server.Checksums;

namespace ZkNet.Server.DataTree;

/// <summary>One entry of the digest history: the tree digest right after the txn <paramref name="Zxid"/>.</summary>
/// <param name="Zxid">The txn's zxid (a multiple of <see cref="DataTree.DigestLogInterval"/>).</param>
/// <param name="DigestVersion">The digest algorithm (<see cref="DataTree.DigestVersion"/>).</param>
/// <param name="Digest">The tree digest.</param>
public readonly record struct ZxidDigest(long Zxid, int DigestVersion, long Digest)
{
    /// <summary>"No digest" as a snapshot records it (zxid 0), which ZooKeeper reads without comparing anything.</summary>
    public static ZxidDigest None => new(0, DataTree.DigestVersion, 0);
}

/// <summary>
/// ZooKeeper's tree digest (zookeeper.digest.enabled, on by default): DigestCalculator version 2 summed as
/// NodeHashMapImpl's AdHash does. Each node's digest is the CRC-32 of its path (the root as ""), its data, then
/// czxid, mzxid, pzxid, ctime, mtime, version, cversion, aversion and ephemeralOwner, big-endian; nodes under
/// "/zookeeper/" count 0. The tree digest is the wrapping sum, kept up to date by taking a node's digest out before it
/// changes and adding it back after. Every txn whose zxid is a multiple of 128 appends the digest to a history of the
/// last 1024 (DataTree.logZxidDigest), which the AdminServer's hash command lists.
/// </summary>
public sealed partial class DataTree
{
    /// <summary>The digest algorithm version (ZooKeeper's DigestCalculator.DIGEST_VERSION).</summary>
    public const int DigestVersion = 2;

    /// <summary>A digest is logged after every txn whose zxid is a multiple of this (DIGEST_LOG_INTERVAL).</summary>
    public const int DigestLogInterval = 128;

    /// <summary>The history keeps this many digests (DIGEST_LOG_LIMIT).</summary>
    public const int DigestLogLimit = 1024;

    private const string ZooKeeperSubtree = "/zookeeper/";

    private readonly Queue<ZxidDigest> _digestLog = new();
    private bool _digestEnabled = true;

    /// <summary>The digest of the whole tree (0 while digests are off).</summary>
    public long TreeDigest { get; private set; }

    /// <summary>
    /// digest.enabled: whether the tree digest and its history are kept (default true, as in ZooKeeper 3.8). Turning it
    /// on computes the digest of the tree as it stands.
    /// </summary>
    public bool DigestEnabled
    {
        get => _digestEnabled;
        set
        {
            _digestEnabled = value;
            RecomputeDigest();
        }
    }

    /// <summary>The digest history, oldest first (what ZooKeeper's DataTree.getDigestLog returns).</summary>
    public IReadOnlyList<ZxidDigest> DigestLog => [.. _digestLog];

    /// <summary>The digest of one node (ZooKeeper's DigestCalculator.calculateDigest, version 2).</summary>
    public static long NodeDigest(string path, ReadOnlySpan<byte> data, long czxid, long mzxid, long pzxid, long ctime, long mtime,
        int version, int cversion, int aversion, long ephemeralOwner)
    {
        if (path.StartsWith(ZooKeeperSubtree, StringComparison.Ordinal))
        {
            return 0;
        }
        if (path == RootPath)
        {
            path = "";
        }
        Span<byte> fields = stackalloc byte[60];
        BinaryPrimitives.WriteInt64BigEndian(fields, czxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[8..], mzxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[16..], pzxid);
        BinaryPrimitives.WriteInt64BigEndian(fields[24..], ctime);
        BinaryPrimitives.WriteInt64BigEndian(fields[32..], mtime);
        BinaryPrimitives.WriteInt32BigEndian(fields[40..], version);
        BinaryPrimitives.WriteInt32BigEndian(fields[44..], cversion);
        BinaryPrimitives.WriteInt32BigEndian(fields[48..], aversion);
        BinaryPrimitives.WriteInt64BigEndian(fields[52..], ephemeralOwner);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(path.Length);
        var pathBytes = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(path, pathBytes);
        var crc = Crc32.Update(Crc32.Initial, pathBytes[..length]);
        crc = Crc32.Update(crc, data);
        crc = Crc32.Update(crc, fields);
        return Crc32.Finish(crc);
    }

    /// <summary>Computes the tree digest from every node (after a snapshot is loaded or digests are turned on).</summary>
    public void RecomputeDigest()
    {
        long digest = 0;
        if (_digestEnabled)
        {
            foreach (var (path, node) in _nodes)
            {
                node.Digest = Digest(path, node);
                node.HasDigest = true;
                digest = unchecked(digest + node.Digest);
            }
        }
        TreeDigest = digest;
    }

    /// <summary>Takes <paramref name="node"/>'s digest out of the tree's, before it changes or goes.</summary>
    private void Undigest(string path, DataNode node)
    {
        if (_digestEnabled)
        {
            TreeDigest = unchecked(TreeDigest - (node.HasDigest ? node.Digest : Digest(path, node)));
            node.HasDigest = false;
        }
    }

    /// <summary>Adds <paramref name="node"/>'s digest to the tree's, after it is created or changed.</summary>
    private void Redigest(string path, DataNode node)
    {
        if (_digestEnabled)
        {
            node.Digest = Digest(path, node);
            node.HasDigest = true;
            TreeDigest = unchecked(TreeDigest + node.Digest);
        }
    }

    /// <summary>After a whole txn: every 128th zxid goes to the history (ZooKeeper logs them the same way).</summary>
    private void LogDigest(long zxid)
    {
        if (!_digestEnabled || zxid % DigestLogInterval != 0)
        {
            return;
        }
        _digestLog.Enqueue(new ZxidDigest(zxid, DigestVersion, TreeDigest));
        if (_digestLog.Count > DigestLogLimit)
        {
            _digestLog.Dequeue();
        }
    }

    /// <summary>The digest <paramref name="node"/> adds to the tree's as it stands (0 while digests are off).</summary>
    internal long DigestOf(string path, DataNode node) => !_digestEnabled ? 0 : node.HasDigest ? node.Digest : Digest(path, node);

    private static long Digest(string path, DataNode node) => NodeDigest(path, node.Data, node.Czxid, node.Mzxid, node.Pzxid,
        node.Ctime, node.Mtime, node.Version, node.Cversion, node.Aversion, node.EphemeralOwner);
}
