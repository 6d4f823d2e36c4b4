using System.Buffers.Binary;
using ZkNet.Persistence.Checksums;

namespace ZkNet.Persistence.TxnLog;

public sealed partial class TxnLogReader
{
    private const int ScanChunk = 1024 * 1024;

    /// <summary>
    /// The offset of the first complete, checksum-valid record starting at or after <paramref name="start"/>, or
    /// null. This is what separates a torn tail (nothing valid after the bad record) from damage in the middle.
    /// A record starts with the checksum as a long whose high four bytes are zero (Adler-32 is 32 bits), which
    /// with a plausible length and the 'B' byte at its end leaves few candidates to checksum; runs of zeros
    /// (the preallocated tail) are skipped in bulk.
    /// </summary>
    private static long? FindValidRecord(LogFileCursor cursor, long start)
    {
        var window = new byte[ScanChunk + FileTxnLog.RecordHeaderSize];
        var position = start;
        while (position + FileTxnLog.RecordHeaderSize + 2 <= cursor.Length)
        {
            var filled = cursor.ReadAt(position, window);
            var span = window.AsSpan(0, filled);
            var limit = filled - FileTxnLog.RecordHeaderSize;
            var i = 0;
            while (i < limit)
            {
                var next = span[i..].IndexOfAnyExcept((byte)0);
                if (next < 0)
                {
                    break;
                }
                // The first non-zero byte of a record is at least its fifth byte (the checksum's high half is 0).
                var candidate = Math.Max(i, i + next - FileTxnLog.RecordHeaderSize + 1);
                for (; candidate <= i + next && candidate < limit; candidate++)
                {
                    if (IsValidRecordAt(cursor, position + candidate, span[candidate..]))
                    {
                        return position + candidate;
                    }
                }
                i = i + next + 1;
            }
            if (filled < window.Length)
            {
                break;
            }
            position += limit;
        }
        return null;
    }

    private static bool IsValidRecordAt(LogFileCursor cursor, long offset, ReadOnlySpan<byte> head)
    {
        var crc = BinaryPrimitives.ReadInt64BigEndian(head);
        var length = BinaryPrimitives.ReadInt32BigEndian(head[8..]);
        if ((ulong)crc > uint.MaxValue || length <= 0 || length > cursor.Length - offset - FileTxnLog.RecordHeaderSize - 1)
        {
            return false;
        }
        Span<byte> eor = stackalloc byte[1];
        if (cursor.ReadAt(offset + FileTxnLog.RecordHeaderSize + length, eor) != 1 || eor[0] != FileTxnLog.EndOfRecord)
        {
            return false;
        }
        var payload = new byte[length];
        return cursor.ReadAt(offset + FileTxnLog.RecordHeaderSize, payload) == length && Adler32.Compute(payload) == crc;
    }
}
