using System.IO.Compression;
using ZkNet.Persistence.DataDir;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// Writes a ZooKeeper snapshot as a stream, so a DataTree can feed it node by node without copying itself:
/// <see cref="WriteSessions"/>, <see cref="WriteAclCache"/>, <see cref="WriteNode"/> for every node with the root
/// first and every parent before its children, then <see cref="Complete"/>, which writes the "/" end marker, the
/// Adler-32 seal, the digest trailer and its seal. A file snapshot goes to &lt;name&gt;.tmp and is fsynced and renamed
/// into place only when complete, so a crash never leaves a half-written snapshot under a snapshot name.
/// </summary>
public sealed class SnapshotWriter : IDisposable
{
    private readonly FileStream? _file;
    private readonly Stream _stream;
    private readonly CheckedJuteOutput _output;
    private readonly string? _tempPath;
    private readonly string? _finalPath;
    private readonly bool _fsync;
    private readonly bool _syncStream;
    private Stage _stage = Stage.Sessions;
    private bool _disposed;
    private long _syncedUpTo;

    /// <summary>
    /// A fsync-ed snapshot is synced every this many bytes while it is written, so that its data reaches the disk
    /// in steps instead of in one burst at completion, which stalled the txn log's fsyncs on the same disk (write
    /// latency spikes of hundreds of ms with a tree of millions of nodes).
    /// </summary>
    private const long SyncEveryBytes = 32L << 20;

    /// <summary>Writes a snapshot to <paramref name="output"/> (compressed as asked), starting with its file header.</summary>
    public SnapshotWriter(Stream output, SnapshotCompression compression = SnapshotCompression.None, bool leaveOpen = false)
        : this(null, output, compression, leaveOpen, null, null, fsync: false)
    {
    }

    private SnapshotWriter(FileStream? file, Stream output, SnapshotCompression compression, bool leaveOpen,
        string? tempPath, string? finalPath, bool fsync, bool syncStream = false)
    {
        _syncStream = syncStream;
        _file = file;
        _tempPath = tempPath;
        _finalPath = finalPath;
        _fsync = fsync;
        _stream = compression switch
        {
            SnapshotCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen),
            SnapshotCompression.Snappy => new XerialSnappyWriteStream(output, leaveOpen),
            _ => leaveOpen ? new NonClosingStream(output) : output,
        };
        _output = new CheckedJuteOutput(_stream);
        if (syncStream)
        {
            return;
        }
        var header = FileHeader.ForSnapshot();
        var writer = _output.Writer;
        writer.WriteInt(header.Magic);
        writer.WriteInt(header.Version);
        writer.WriteLong(header.DbId);
    }

    private enum Stage
    {
        Sessions,
        Acls,
        Nodes,
        Done,
    }

    /// <summary>
    /// Writes the snapshot a leader streams to a learner after a SNAP packet: no file header, no seals, no digest,
    /// and the "BenWasHere" signature at the end (docs/quorum-protocol.md §4.5).
    /// </summary>
    public static SnapshotWriter ForSyncStream(Stream output, bool leaveOpen = true) =>
        new(null, output, SnapshotCompression.None, leaveOpen, null, null, fsync: false, syncStream: true);

    /// <summary>
    /// Starts snapshot.&lt;zxid&gt;[.gz|.snappy] in <paramref name="snapDir"/>; the zxid is the last one applied when
    /// serialization begins. With <paramref name="fsync"/> the file and the folder are fsynced on completion.
    /// </summary>
    public static SnapshotWriter Create(string snapDir, long zxid, SnapshotCompression compression = SnapshotCompression.None, bool fsync = true)
    {
        Directory.CreateDirectory(snapDir);
        var finalPath = Path.Combine(snapDir, SnapshotFileName.Make(zxid, compression));
        var tempPath = finalPath + AtomicFile.TempSuffix;
        var file = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        return new SnapshotWriter(file, file, compression, leaveOpen: true, tempPath, finalPath, fsync);
    }

    /// <summary>Writes the sessions: id and timeout in ms.</summary>
    public void WriteSessions(IReadOnlyCollection<KeyValuePair<long, int>> sessions)
    {
        Expect(Stage.Sessions);
        var writer = _output.Writer;
        writer.WriteInt(sessions.Count);
        var written = 0;
        foreach (var (id, timeout) in sessions)
        {
            writer.WriteLong(id);
            writer.WriteInt(timeout);
            written++;
            _output.MaybeFlush();
        }
        CheckCount(written, sessions.Count, "sessions");
        _stage = Stage.Acls;
    }

    /// <summary>Writes the ACL cache: each key nodes refer to, and its ACL list.</summary>
    public void WriteAclCache(IReadOnlyCollection<KeyValuePair<long, IReadOnlyList<Acl>>> acls)
    {
        Expect(Stage.Acls);
        var writer = _output.Writer;
        writer.WriteInt(acls.Count);
        var written = 0;
        foreach (var (key, list) in acls)
        {
            writer.WriteLong(key);
            Acl.WriteVector(writer, list);
            written++;
            _output.MaybeFlush();
        }
        CheckCount(written, acls.Count, "ACL cache entries");
        _stage = Stage.Nodes;
    }

    /// <summary>Writes one node. The root ("/") must come first and every parent before its children.</summary>
    public void WriteNode(string path, byte[]? data, long aclRef, in StatPersisted stat)
    {
        ArgumentNullException.ThrowIfNull(path);
        Expect(Stage.Nodes);
        var writer = _output.Writer;
        if (NodesWritten == 0)
        {
            if (path is not ("/" or ""))
            {
                throw new ArgumentException($"the root must be written first, not '{path}'", nameof(path));
            }
            // ZooKeeper serializes the root under the empty path: DataTree keys it by "" and "/" ends the list.
            writer.WriteString("");
        }
        else
        {
            if (path.Length < 2 || path[0] != '/')
            {
                throw new ArgumentException($"'{path}' is not a node path below the root", nameof(path));
            }
            writer.WriteString(path);
        }
        writer.WriteBuffer(data);
        writer.WriteLong(aclRef);
        stat.Serialize(writer);
        NodesWritten++;
        _output.MaybeFlush();
        if (_fsync && _file!.Position - _syncedUpTo >= SyncEveryBytes)
        {
            _file.Flush(flushToDisk: true);
            _syncedUpTo = _file.Position;
        }
    }

    /// <summary>Nodes written so far.</summary>
    public long NodesWritten { get; private set; }

    /// <summary>
    /// Ends the node list and writes the seal, then the digest trailer (when given; ZooKeeper 3.8 always writes one,
    /// with zxid 0 when it has none) with its own seal. A file snapshot is then flushed, fsynced and renamed into
    /// place. Returns the snapshot's path (null for a stream).
    /// </summary>
    public string? Complete(SnapshotDigest? digest)
    {
        Expect(Stage.Nodes);
        if (NodesWritten == 0)
        {
            throw new InvalidOperationException("a snapshot holds at least the root node");
        }
        var writer = _output.Writer;
        writer.WriteString("/");
        if (_syncStream)
        {
            writer.WriteString(SnapshotReader.SyncSignature);
            _output.Flush();
            _stage = Stage.Done;
            _stream.Dispose();
            _disposed = true;
            _output.Dispose();
            return null;
        }
        WriteSeal();
        if (digest is { } d)
        {
            writer = _output.Writer;
            writer.WriteLong(d.Zxid);
            writer.WriteInt(d.Version);
            writer.WriteLong(d.Digest);
            WriteSeal();
        }
        _output.Flush();
        _stage = Stage.Done;
        _stream.Dispose();
        if (_file is null)
        {
            return null;
        }
        if (_fsync)
        {
            _file.Flush(flushToDisk: true);
        }
        _file.Dispose();
        File.Move(_tempPath!, _finalPath!, overwrite: true);
        if (_fsync)
        {
            DirectorySync.Fsync(Path.GetDirectoryName(_finalPath!)!);
        }
        _disposed = true;
        _output.Dispose();
        return _finalPath;
    }

    /// <summary>Abandons an incomplete snapshot (its temporary file is deleted).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            _output.Dispose();
            if (_stage != Stage.Done)
            {
                _stream.Dispose();
            }
        }
        catch (IOException)
        {
            // Flushing what was buffered failed (a full disk is why snapshots get abandoned): the file goes anyway.
        }
        finally
        {
            DisposeFileAndDeleteTemp();
        }
    }

    private void DisposeFileAndDeleteTemp()
    {
        try
        {
            _file?.Dispose();
        }
        catch (IOException)
        {
        }
        // Also when Complete failed part way (sealed but not renamed): only a renamed snapshot is ever read.
        if (_tempPath is not null)
        {
            File.Delete(_tempPath);
        }
    }

    private void WriteSeal()
    {
        var checksum = _output.Checksum;
        var writer = _output.Writer;
        writer.WriteLong(checksum);
        writer.WriteString("/");
    }

    private void Expect(Stage stage)
    {
        if (_stage != stage)
        {
            throw new InvalidOperationException($"snapshot sections are written in order: expected {_stage}, got {stage}");
        }
    }

    private static void CheckCount(int written, int declared, string what)
    {
        if (written != declared)
        {
            throw new InvalidOperationException($"{what}: the collection said {declared} but yielded {written}");
        }
    }
}
