using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Durability.Tests.Support;

/// <summary>Reads a data directory with our own persistence code, to find records and snapshots to damage.</summary>
internal static class LogRecords
{
    public static IReadOnlyList<LoggedRecord> ReadAll(TestDirectory directory)
    {
        var records = new List<LoggedRecord>();
        using var reader = new FileTxnSnapLog(directory.DataDir).ReadLog(0);
        while (reader.MoveNext())
        {
            var r = reader.Current;
            records.Add(new LoggedRecord(r.File, r.Offset, r.Length, r.Entry));
        }
        Assert.Null(reader.TornTail);
        return records;
    }

    public static IReadOnlyList<SnapshotFileInfo> Snapshots(TestDirectory directory) => new FileTxnSnapLog(directory.DataDir).ListSnapshots();

    /// <summary>The digest trailer of a snapshot (null when it has none).</summary>
    public static Persistence.Snapshots.SnapshotDigest? SnapshotDigest(string path)
    {
        using var reader = Persistence.Snapshots.SnapshotReader.Open(path);
        _ = reader.ReadSessions();
        _ = reader.ReadAclCache();
        return reader.ReadTrailer();
    }

    /// <summary>
    /// Replaces the tree digest logged with <paramref name="record"/> (the last 8 bytes of its payload) and rewrites
    /// the record's Adler-32, so the record stays valid and only its digest is wrong.
    /// </summary>
    public static void RewriteDigest(LoggedRecord record, long digest)
    {
        using var stream = new FileStream(record.File, FileMode.Open, FileAccess.ReadWrite);
        var payload = new byte[record.Length - 13];
        stream.Position = record.Offset + 12;
        stream.ReadExactly(payload);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(payload.Length - 8), digest);
        var header = new byte[12];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(header, Persistence.Checksums.Adler32.Compute(payload));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), payload.Length);
        stream.Position = record.Offset;
        stream.Write(header);
        stream.Write(payload);
    }

    /// <summary>Flips one byte of a file in place.</summary>
    public static void FlipByte(string file, long offset)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x5A));
    }
}
