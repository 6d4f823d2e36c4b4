using System.Buffers.Binary;
using ZkNet.Persistence.Checksums;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol.Jute;

namespace ZkNet.Persistence.TxnLog;

/// <summary>
/// Iterates the txns of a log folder in zxid order from a starting zxid, across files (FileTxnLog.FileTxnIterator).
/// Reading stops at the zero-filled preallocated tail of the last file. A bad record (short, without its 'B'
/// end byte, or failing its checksum) in the last file with no complete record after it is a torn write from a
/// crash: reading stops there and <see cref="TornTail"/> says where to cut. Any other damage raises
/// <see cref="TxnLogCorruptException"/> naming the file and offset.
/// </summary>
public sealed partial class TxnLogReader : IDisposable
{
    // TxnHeader: clientId (long), cxid (int), zxid (long), time (long), type (int).
    private const int TxnHeaderZxidOffset = 12;
    private const int TxnHeaderZxidEnd = TxnHeaderZxidOffset + 8;

    private readonly IReadOnlyList<string> _files;
    private readonly long _fromZxid;
    private readonly bool _verifyTail;
    private int _fileIndex = -1;
    private LogFileCursor? _cursor;
    private long _position;

    private TxnLogReader(IReadOnlyList<string> files, long fromZxid, bool verifyTail)
    {
        _files = files;
        _fromZxid = fromZxid;
        _verifyTail = verifyTail;
    }

    /// <summary>
    /// Opens the logs of <paramref name="logDir"/> that may hold <paramref name="fromZxid"/> or later txns; the
    /// first record returned is the first with a zxid of at least <paramref name="fromZxid"/>. With
    /// <paramref name="verifyTail"/> the zero-filled tail of the last file is checked to hold no valid record (a
    /// zeroed record in the middle of the log would otherwise silently end it early).
    /// </summary>
    public static TxnLogReader Open(string logDir, long fromZxid = 0, bool verifyTail = true) =>
        new(TxnLogFiles.GetLogFiles(logDir, fromZxid), fromZxid, verifyTail);

    /// <summary>
    /// Reads one log file whatever its name (the dump tools' view: TxnLogToolkit reads a single file). The file is
    /// treated as the last of its log, so a bad record with nothing valid after it ends reading as a torn tail.
    /// </summary>
    public static TxnLogReader OpenFile(string file, bool verifyTail = true) => new([file], 0, verifyTail);

    /// <summary>The record <see cref="MoveNext"/> stopped on.</summary>
    public TxnLogRecord Current { get; private set; }

    /// <summary>Set when reading ended at a torn record rather than at the clean end of the log.</summary>
    public TornTail? TornTail { get; private set; }

    /// <summary>The files this reader covers, oldest first.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Advances to the next txn; false at the end of the log (clean, or torn: see <see cref="TornTail"/>).</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_cursor is null && !OpenNextFile())
            {
                return false;
            }
            var step = ReadRecord();
            switch (step)
            {
                case Step.Record:
                    return true;
                case Step.Skipped:
                    continue;
                case Step.EndOfFile:
                    CloseFile();
                    continue;
                default:
                    CloseFile();
                    _fileIndex = _files.Count;
                    return false;
            }
        }
    }

    /// <summary>Reads every remaining txn.</summary>
    public IEnumerable<TxnLogEntry> ReadAll()
    {
        while (MoveNext())
        {
            yield return Current.Entry;
        }
    }

    /// <inheritdoc />
    public void Dispose() => CloseFile();

    private bool IsLastFile => _fileIndex == _files.Count - 1;

    private bool OpenNextFile()
    {
        if (_fileIndex + 1 >= _files.Count)
        {
            return false;
        }
        _fileIndex++;
        var cursor = new LogFileCursor(_files[_fileIndex]);
        _cursor = cursor;
        if (cursor.Length < FileHeader.Size)
        {
            // Created but the header never made it to disk: ZooKeeper deletes such a tail file.
            return IsLastFile
                ? StopTorn(0, $"file is {cursor.Length} bytes, shorter than its header")
                : throw Corrupt(0, $"file is {cursor.Length} bytes, shorter than its header");
        }
        var header = FileHeader.Read(cursor.Peek(0, FileHeader.Size).Span);
        if (header.Magic != FileHeader.TxnLogMagic)
        {
            throw Corrupt(0, $"bad magic 0x{header.Magic:x8}, expected 0x{FileHeader.TxnLogMagic:x8} (ZKLG)");
        }
        _position = FileHeader.Size;
        return true;
    }

    private bool StopTorn(long offset, string reason)
    {
        TornTail = new TornTail(_cursor!.Path, offset, reason);
        CloseFile();
        _fileIndex = _files.Count;
        return false;
    }

    private enum Step
    {
        Record,
        /// <summary>A valid record before the first zxid asked for, passed over without decoding it.</summary>
        Skipped,
        EndOfFile,
        Torn,
    }

    private Step ReadRecord()
    {
        var cursor = _cursor!;
        var offset = _position;
        var remaining = cursor.Length - offset;
        if (remaining < FileTxnLog.RecordHeaderSize)
        {
            return cursor.Peek(offset, (int)remaining).Span.ContainsAnyExcept((byte)0)
                ? Bad(offset, "partial record header at the end of the file")
                : Step.EndOfFile;
        }
        var head = cursor.Peek(offset, FileTxnLog.RecordHeaderSize).Span;
        var crc = BinaryPrimitives.ReadInt64BigEndian(head);
        var length = BinaryPrimitives.ReadInt32BigEndian(head[8..]);
        if (crc == 0 && length == 0)
        {
            // Zero-filled preallocated space: the end of what was written to this file.
            if (IsLastFile && _verifyTail && FindValidRecord(cursor, offset + 1) is { } later)
            {
                throw Corrupt(offset, $"zeroed record header, but a valid record follows at offset {later}");
            }
            return Step.EndOfFile;
        }
        if (length <= 0 || length > remaining - FileTxnLog.RecordHeaderSize - 1)
        {
            return Bad(offset, length <= 0 ? $"invalid record length {length}" : $"record length {length} runs past the end of the file");
        }
        var total = FileTxnLog.RecordHeaderSize + length + 1;
        var record = cursor.Peek(offset, total);
        var payload = record.Slice(FileTxnLog.RecordHeaderSize, length);
        if (record.Span[total - 1] != FileTxnLog.EndOfRecord)
        {
            return Bad(offset, "missing end-of-record byte 'B'");
        }
        if (Adler32.Compute(payload.Span) != crc)
        {
            return Bad(offset, "checksum mismatch");
        }
        // The txns of the first file up to the snapshot's zxid are only checked, not decoded (nor allocated): the
        // zxid sits at a fixed offset of the TxnHeader (clientId, cxid, zxid). A checksum-valid record too short to
        // hold it is decoded, and so reported, as before.
        if (length >= TxnHeaderZxidEnd && BinaryPrimitives.ReadInt64BigEndian(payload.Span[TxnHeaderZxidOffset..]) < _fromZxid)
        {
            _position = offset + total;
            return Step.Skipped;
        }
        TxnLogEntry entry;
        try
        {
            entry = TxnSerializer.Deserialize(payload.Span);
        }
        catch (JuteException e)
        {
            // The checksum matched, so these are the bytes that were written: not a torn write.
            throw Corrupt(offset, "record does not decode: " + e.Message, e);
        }
        Current = new TxnLogRecord(entry, cursor.Path, offset, total, payload);
        _position = offset + total;
        return Step.Record;
    }

    private Step Bad(long offset, string reason)
    {
        if (IsLastFile && FindValidRecord(_cursor!, offset + 1) is null)
        {
            StopTorn(offset, reason);
            return Step.Torn;
        }
        var where = IsLastFile ? "valid records follow it" : "it is not in the last log file";
        throw Corrupt(offset, $"{reason}, and {where}");
    }

    private TxnLogCorruptException Corrupt(long offset, string reason, Exception? inner = null) =>
        new(_files[_fileIndex], offset, reason, inner);

    private void CloseFile()
    {
        _cursor?.Dispose();
        _cursor = null;
    }
}
