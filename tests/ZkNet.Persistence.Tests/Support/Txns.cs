using ZkNet.Persistence.TxnLog;
using ZkNet.Persistence.Txns;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Persistence.Tests.Support;

/// <summary>Txns for log tests.</summary>
internal static class Txns
{
    public static TxnLogEntry Create(long zxid, int dataSize = 10) => new(
        new TxnHeader(0x77, (int)zxid, zxid, 1_700_000_000_000 + zxid, (int)OpCode.Create),
        new CreateTxn("/n" + zxid, Enumerable.Range(0, dataSize).Select(i => (byte)(i + zxid)).ToArray(), Acl.OpenAclUnsafe, false, (int)zxid),
        new TxnDigest(2, zxid * 1000));

    /// <summary>Writes txns <paramref name="first"/>..<paramref name="last"/> and commits once.</summary>
    public static void Write(string logDir, long first, long last, TxnLogOptions? options = null, int dataSize = 10)
    {
        using var log = new FileTxnLog(logDir, options ?? new TxnLogOptions { PreAllocSize = 64 * 1024 });
        for (var zxid = first; zxid <= last; zxid++)
        {
            log.Append(Create(zxid, dataSize));
        }
        log.Commit();
    }

    /// <summary>Every record of a log folder, with where it is.</summary>
    public static List<(long Zxid, string File, long Offset, int Length)> Records(string logDir)
    {
        using var reader = TxnLogReader.Open(logDir);
        var list = new List<(long, string, long, int)>();
        while (reader.MoveNext())
        {
            list.Add((reader.Current.Zxid, reader.Current.File, reader.Current.Offset, reader.Current.Length));
        }
        return list;
    }

    public static List<long> Zxids(string logDir, long from = 0)
    {
        using var reader = TxnLogReader.Open(logDir, from);
        return reader.ReadAll().Select(e => e.Zxid).ToList();
    }

    public static void Patch(string file, long offset, ReadOnlySpan<byte> bytes)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write);
        stream.Position = offset;
        stream.Write(bytes);
    }
}
