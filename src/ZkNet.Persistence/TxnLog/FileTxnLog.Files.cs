using ZkNet.Persistence.DataDir;

namespace ZkNet.Persistence.TxnLog;

public sealed partial class FileTxnLog
{
    private void OpenNewFile(long zxid)
    {
        var path = Path.Combine(_logDir, TxnLogFiles.MakeLogName(zxid));
        // A file of that name with records in it means a caller reused zxids: refuse rather than overwrite
        // committed txns. One holding at most a header (a torn creation that was cut back) may be replaced.
        var mode = File.Exists(path) && new FileInfo(path).Length <= FileHeader.Size ? FileMode.Create : FileMode.CreateNew;
        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = mode, Access = FileAccess.Write, Share = FileShare.Read, BufferSize = 0,
        });
        Span<byte> header = stackalloc byte[FileHeader.Size];
        FileHeader.ForTxnLog(_options.DbId).Write(header);
        stream.Write(header);
        _current = stream;
        CurrentFile = path;
        _position = FileHeader.Size;
        _fileSize = FileHeader.Size;
        _directoryNeedsSync = true;
        _unsynced.Add(stream);
        _uncommittedBytes += FileHeader.Size;
    }

    private void WritePending()
    {
        if (_current is null || _pending.WrittenCount == 0)
        {
            return;
        }
        var end = _position + _pending.WrittenCount;
        // Extend ahead of the batch so the whole write lands inside zero-filled space; a crash mid-write then
        // leaves zeros after the torn record, which the reader recognizes as the end of the log.
        var size = _fileSize;
        while (_options.PreAllocSize > 0 && end + FilePadding.Margin >= size)
        {
            size = FilePadding.CalculateFileSizeWithPadding(end, size, _options.PreAllocSize);
        }
        if (size != _fileSize)
        {
            _current.SetLength(size);
            _fileSize = size;
        }
        _current.Write(_pending.WrittenSpan);
        _position = end;
        _uncommittedBytes += _pending.WrittenCount;
        _uncommittedRecords += _pendingRecords;
        _pending.Clear();
        _pendingRecords = 0;
        if (!_unsynced.Contains(_current))
        {
            _unsynced.Add(_current);
        }
    }
}
