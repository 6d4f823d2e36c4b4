using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ZkNet.Persistence.Checksums;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.TxnLog;

/// <summary>
/// Appends txns to ZooKeeper-format log files (version-2/log.&lt;first zxid in hex&gt;) with group commit:
/// <see cref="Append(TxnHeader, IJuteRecord, TxnDigest)"/> only serializes into memory; <see cref="Commit"/> writes
/// everything appended since the last commit and makes it durable with one fsync, so a batch is acknowledged
/// together. Each record is: Adler32 of the payload (long), payload length (int), payload (TxnHeader, txn record,
/// TxnDigest), and the end-of-record byte 'B'. Files are extended with zeros ahead of the writes (preallocation)
/// and rolled on <see cref="RollLog"/> or past <see cref="TxnLogOptions.SizeLimit"/>. Not thread-safe: one writer
/// (the sync stage) owns it.
/// </summary>
public sealed partial class FileTxnLog : IDisposable
{
    /// <summary>The end-of-record marker ZooKeeper writes after every payload.</summary>
    public const byte EndOfRecord = (byte)'B';

    /// <summary>Bytes before the payload: the checksum (long) and the length (int).</summary>
    public const int RecordHeaderSize = 12;

    private readonly string _logDir;
    private readonly TxnLogOptions _options;
    private readonly FrameBuffer _pending = new(64 * 1024);
    private readonly List<FileStream> _unsynced = [];
    private FileStream? _current;
    private long _position;
    private long _fileSize;
    private int _pendingRecords;
    private long _uncommittedBytes;
    private int _uncommittedRecords;
    private bool _directoryNeedsSync;

    /// <summary>Opens a log writer on <paramref name="logDir"/> (created if missing). The first append starts a new file.</summary>
    public FileTxnLog(string logDir, TxnLogOptions? options = null)
    {
        _logDir = logDir;
        _options = options ?? new TxnLogOptions();
        Directory.CreateDirectory(logDir);
    }

    /// <summary>The highest zxid appended.</summary>
    public long LastZxidSeen { get; private set; }

    /// <summary>The highest zxid made durable by a commit.</summary>
    public long LastZxidFlushed { get; private set; }

    /// <summary>The file being appended to, or null before the first append and after a roll.</summary>
    public string? CurrentFile { get; private set; }

    /// <summary>Bytes of the current file holding header and records (its preallocated size is larger).</summary>
    public long CurrentLogSize => _current is null ? 0 : _position + _pending.WrittenCount;

    /// <summary>Appends a txn (not yet durable: call <see cref="Commit"/>).</summary>
    public void Append(TxnLogEntry entry) => Append(entry.Header, entry.Record, entry.Digest);

    /// <summary>Appends a txn (not yet durable: call <see cref="Commit"/>).</summary>
    public void Append(TxnHeader header, IJuteRecord? record, TxnDigest? digest)
    {
        ArgumentNullException.ThrowIfNull(header);
        var mark = BeginRecord(header.Zxid);
        TxnSerializer.Serialize(_pending, header, record, digest);
        EndRecord(mark);
    }

    /// <summary>Appends a txn followed by the tree digest after it (not yet durable: call <see cref="Commit"/>).</summary>
    public void Append(TxnHeader header, IJuteRecord? record, long treeDigest)
    {
        ArgumentNullException.ThrowIfNull(header);
        var mark = BeginRecord(header.Zxid);
        TxnSerializer.Serialize(_pending, header, record, treeDigest);
        EndRecord(mark);
    }

    /// <summary>Appends an already serialized payload (TxnHeader + record + digest), e.g. a proposal from the leader.</summary>
    public void AppendRaw(long zxid, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("a txn payload is never empty", nameof(payload));
        }
        var mark = BeginRecord(zxid);
        payload.CopyTo(_pending.GetSpan(payload.Length));
        _pending.Advance(payload.Length);
        EndRecord(mark);
    }

    /// <summary>
    /// Writes every record appended since the last commit and fsyncs each file that received any (normally one;
    /// two across a roll), then the log folder if a file was created. Returns what was made durable and how long
    /// the fsync took.
    /// </summary>
    public TxnLogCommit Commit()
    {
        WritePending();
        var elapsed = TimeSpan.Zero;
        if (_options.ForceSync && _unsynced.Count > 0)
        {
            var start = _options.TimeProvider.GetTimestamp();
            foreach (var stream in _unsynced)
            {
                stream.Flush(flushToDisk: true);
            }
            if (_directoryNeedsSync)
            {
                DirectorySync.Fsync(_logDir);
            }
            elapsed = _options.TimeProvider.GetElapsedTime(start);
        }
        _directoryNeedsSync = false;
        foreach (var stream in _unsynced)
        {
            if (!ReferenceEquals(stream, _current))
            {
                stream.Dispose();
            }
        }
        _unsynced.Clear();
        LastZxidFlushed = LastZxidSeen;
        var result = new TxnLogCommit(_uncommittedRecords, _uncommittedBytes, LastZxidFlushed, elapsed,
            elapsed > _options.FsyncWarningThreshold);
        _uncommittedRecords = 0;
        _uncommittedBytes = 0;
        if (_options.SizeLimit > 0 && CurrentLogSize > _options.SizeLimit)
        {
            RollLog();
        }
        return result;
    }

    /// <summary>
    /// Ends the current file: the next append starts log.&lt;its zxid&gt;. Records appended but not committed are
    /// written now and made durable by the next commit. ZooKeeper rolls whenever it takes a snapshot.
    /// </summary>
    public void RollLog()
    {
        if (_current is null)
        {
            return;
        }
        WritePending();
        if (!_unsynced.Contains(_current))
        {
            _current.Dispose();
        }
        _current = null;
        CurrentFile = null;
    }

    /// <summary>Closes the files. Appended records not committed are dropped: they were never durable.</summary>
    public void Dispose()
    {
        foreach (var stream in _unsynced)
        {
            stream.Dispose();
        }
        _unsynced.Clear();
        _current?.Dispose();
        _current = null;
        _pending.Dispose();
    }

    private int BeginRecord(long zxid)
    {
        if (_current is null)
        {
            OpenNewFile(zxid);
        }
        if (zxid > LastZxidSeen)
        {
            LastZxidSeen = zxid;
        }
        var mark = _pending.WrittenCount;
        _pending.GetSpan(RecordHeaderSize);
        _pending.Advance(RecordHeaderSize);
        return mark;
    }

    private void EndRecord(int mark)
    {
        var payloadStart = mark + RecordHeaderSize;
        var length = _pending.WrittenCount - payloadStart;
        // The pending buffer is ours, so patching the reserved prefix in place avoids a second copy of the payload.
        var written = MemoryMarshal.AsMemory(_pending.WrittenMemory).Span;
        BinaryPrimitives.WriteInt64BigEndian(written[mark..], Adler32.Compute(written.Slice(payloadStart, length)));
        BinaryPrimitives.WriteInt32BigEndian(written[(mark + 8)..], length);
        _pending.GetSpan(1)[0] = EndOfRecord;
        _pending.Advance(1);
        _pendingRecords++;
    }
}
