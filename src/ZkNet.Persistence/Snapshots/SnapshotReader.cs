using System.IO.Compression;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// Streams a ZooKeeper snapshot back in the order FileSnap wrote it, so a DataTree can be rebuilt node by node:
/// the file header ("ZKSN", version 2, dbid -1) is read on open, then <see cref="ReadSessions"/> (count, then id and
/// timeout each), <see cref="ReadAclCache"/> (ReferenceCountedACLCache: count, then long key and ACL vector each),
/// <see cref="TryReadNode"/> until the "/" end marker (DataTree.serializeNodes: path, data, acl key,
/// StatPersisted; the root first, as ""), and <see cref="ReadTrailer"/>, which checks the Adler-32 seal (checksum
/// of everything before it, then "/") and reads the 3.6+ digest with its own seal when present.
/// </summary>
public sealed class SnapshotReader : IDisposable
{
    /// <summary>Largest string, buffer or vector accepted: anything longer is treated as corruption.</summary>
    public const int DefaultMaxLength = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly CheckedJuteInput _input;
    private readonly bool _syncStream;
    private Stage _stage = Stage.Sessions;
    private bool _rootSeen;

    /// <summary>Reads a snapshot from <paramref name="stream"/>, decompressing as <paramref name="compression"/> says.</summary>
    public SnapshotReader(Stream stream, SnapshotCompression compression, string name = "(stream)", int maxLength = DefaultMaxLength)
        : this(stream, compression, name, maxLength, syncStream: false)
    {
    }

    private SnapshotReader(Stream stream, SnapshotCompression compression, string name, int maxLength, bool syncStream)
    {
        _syncStream = syncStream;
        Name = name;
        _stream = compression switch
        {
            SnapshotCompression.Gzip => new GZipStream(stream, CompressionMode.Decompress, leaveOpen: false),
            SnapshotCompression.Snappy => new XerialSnappyReadStream(stream, leaveOpen: false),
            _ => stream,
        };
        // Only an uncompressed, seekable stream says up front how many bytes the snapshot holds.
        Length = compression == SnapshotCompression.None && stream.CanSeek ? stream.Length : null;
        // A sync stream is the leader's connection: what follows the snapshot is the leader's next packets, so it is
        // read exactly, never ahead (the connection's own buffer makes the small reads cheap).
        _input = new CheckedJuteInput(_stream, name, maxLength, readAhead: !syncStream);
        if (syncStream)
        {
            Header = FileHeader.ForSnapshot();
            return;
        }
        try
        {
            Header = new FileHeader(_input.ReadInt(), _input.ReadInt(), _input.ReadLong());
            if (Header.Magic != FileHeader.SnapshotMagic)
            {
                throw _input.Corrupt($"bad magic 0x{Header.Magic:x8}, expected 0x{FileHeader.SnapshotMagic:x8} (ZKSN)");
            }
        }
        catch
        {
            _stream.Dispose();
            throw;
        }
    }

    private enum Stage
    {
        Sessions,
        Acls,
        Nodes,
        Trailer,
        Done,
    }

    /// <summary>The file or stream name used in error messages.</summary>
    public string Name { get; }

    /// <summary>The file header.</summary>
    public FileHeader Header { get; }

    /// <summary>The snapshot's size in bytes when known before reading it (an uncompressed file), else null.</summary>
    public long? Length { get; }

    /// <summary>Bytes of the (uncompressed) snapshot read so far.</summary>
    public long BytesRead => _input.Consumed;

    /// <summary>
    /// Reads the snapshot a leader streams to a learner after a SNAP packet: the same sessions, ACL cache and nodes,
    /// but no file header, no checksum seals and no digest; it ends with the "BenWasHere" signature
    /// (docs/quorum-protocol.md §4.5). Nothing past the signature is read, and disposing the reader leaves
    /// <paramref name="stream"/> open.
    /// </summary>
    public static SnapshotReader ForSyncStream(Stream stream, string name = "(sync)", int maxLength = DefaultMaxLength) =>
        new(new NonClosingStream(stream), SnapshotCompression.None, name, maxLength, syncStream: true);

    /// <summary>The signature that ends a sync stream.</summary>
    public const string SyncSignature = "BenWasHere";

    /// <summary>Opens a snapshot file, choosing the decompression from its name (snapshot.&lt;zxid&gt;[.gz|.snappy]).</summary>
    public static SnapshotReader Open(string path, int maxLength = DefaultMaxLength)
    {
        // Like SnapStream.getStreamMode, a name without a known extension is read as plain.
        var compression = SnapshotFileName.TryParse(Path.GetFileName(path), out _, out var parsed) ? parsed : SnapshotCompression.None;
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            return new SnapshotReader(file, compression, path, maxLength);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The sessions: id and timeout in ms.</summary>
    public IReadOnlyList<KeyValuePair<long, int>> ReadSessions()
    {
        Expect(Stage.Sessions);
        var count = _input.ReadInt();
        if (count < 0)
        {
            throw _input.Corrupt($"session count {count}");
        }
        var sessions = new List<KeyValuePair<long, int>>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            var id = _input.ReadLong();
            sessions.Add(new(id, _input.ReadInt()));
        }
        _stage = Stage.Acls;
        return sessions;
    }

    /// <summary>The ACL cache: the key nodes refer to, and its ACL list.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<Acl>> ReadAclCache()
    {
        Expect(Stage.Acls);
        var count = _input.ReadInt();
        if (count < 0)
        {
            throw _input.Corrupt($"ACL cache size {count}");
        }
        var acls = new Dictionary<long, IReadOnlyList<Acl>>(Math.Min(count, 1 << 16));
        for (var i = 0; i < count; i++)
        {
            var key = _input.ReadLong();
            acls[key] = _input.ReadAclVector();
        }
        _stage = Stage.Nodes;
        return acls;
    }

    /// <summary>The next node, parents before children; false once the "/" end marker is read.</summary>
    public bool TryReadNode(out SnapshotNode node)
    {
        Expect(Stage.Nodes);
        var path = _input.ReadString() ?? throw _input.Corrupt("null node path");
        if (path == "/")
        {
            _stage = Stage.Trailer;
            node = default;
            return false;
        }
        if (!_rootSeen)
        {
            if (path.Length != 0)
            {
                throw _input.Corrupt($"first node is '{path}', expected the root");
            }
            _rootSeen = true;
            path = "/";
        }
        else if (path.Length < 2 || path[0] != '/')
        {
            throw _input.Corrupt($"invalid node path '{path}'");
        }
        var data = _input.ReadBuffer();
        var acl = _input.ReadLong();
        var stat = new StatPersisted(_input.ReadLong(), _input.ReadLong(), _input.ReadLong(), _input.ReadLong(),
            _input.ReadInt(), _input.ReadInt(), _input.ReadInt(), _input.ReadLong(), _input.ReadLong());
        node = new SnapshotNode(path, data, acl, stat);
        return true;
    }

    /// <summary>
    /// Checks the seal after the nodes and returns the digest trailer, or null when the snapshot was written
    /// with digests off (or by a version before 3.6). Throws <see cref="SnapshotCorruptException"/> when a seal
    /// does not match or the file ends inside one.
    /// </summary>
    public SnapshotDigest? ReadTrailer()
    {
        while (_stage == Stage.Nodes)
        {
            TryReadNode(out _);
        }
        Expect(Stage.Trailer);
        _stage = Stage.Done;
        if (_syncStream)
        {
            var signature = _input.ReadString();
            if (signature != SyncSignature)
            {
                throw _input.Corrupt($"missing signature after the synced snapshot (read '{signature}')");
            }
            return null;
        }
        CheckSeal();
        if (_input.AtEnd)
        {
            return null;
        }
        var zxid = _input.ReadLong();
        var version = _input.ReadInt();
        // Digest versions before 2 stored the value as a hex string.
        var digest = version >= 2
            ? _input.ReadLong()
            : long.Parse(_input.ReadString() ?? "0", System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
        CheckSeal();
        return new SnapshotDigest(zxid, version, digest);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    /// <summary>Reads (and so checks) the trailer if the caller stopped before it.</summary>
    internal void EnsureTrailerRead()
    {
        if (_stage != Stage.Done)
        {
            while (_stage == Stage.Sessions || _stage == Stage.Acls)
            {
                _ = _stage == Stage.Sessions ? ReadSessions() : (object)ReadAclCache();
            }
            ReadTrailer();
        }
    }

    private void CheckSeal()
    {
        var expected = _input.Checksum;
        var value = _input.ReadLong();
        _ = _input.ReadString();
        if (value != expected)
        {
            throw _input.Corrupt($"checksum seal is 0x{value:x}, the content sums to 0x{expected:x}");
        }
    }

    private void Expect(Stage stage)
    {
        if (_stage != stage)
        {
            throw new InvalidOperationException($"snapshot sections are read in order: expected {_stage}, asked for {stage}");
        }
    }
}
