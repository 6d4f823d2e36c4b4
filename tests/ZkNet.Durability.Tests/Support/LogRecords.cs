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
