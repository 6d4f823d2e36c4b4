using System.Globalization;
using ZkNet.Persistence.DataDir;

namespace ZkNet.Persistence.TxnLog;

/// <summary>Naming, listing and cutting of txn log files, following ZooKeeper's Util and FileTxnLog.</summary>
public static class TxnLogFiles
{
    /// <summary>The file name prefix of txn logs.</summary>
    public const string Prefix = "log";

    /// <summary>log.&lt;zxid in lower-case hex without padding&gt; (Util.makeLogName).</summary>
    public static string MakeLogName(long zxid) => Prefix + "." + zxid.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// The zxid in a name of the form prefix.&lt;hex&gt;[.anything], or -1 when the name is not of that form
    /// (Util.getZxidFromName).
    /// </summary>
    public static long GetZxidFromName(string name, string prefix)
    {
        var parts = name.Split('.');
        if (parts.Length >= 2 && parts[0] == prefix &&
            long.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var zxid))
        {
            return zxid;
        }
        return -1;
    }

    /// <summary>Every log file in <paramref name="logDir"/>, oldest (lowest starting zxid) first.</summary>
    public static IReadOnlyList<string> List(string logDir)
    {
        if (!Directory.Exists(logDir))
        {
            return [];
        }
        return Directory.EnumerateFiles(logDir, Prefix + ".*")
            .Select(path => (path, zxid: GetZxidFromName(Path.GetFileName(path), Prefix)))
            .Where(f => f.zxid >= 0)
            .OrderBy(f => f.zxid)
            .Select(f => f.path)
            .ToList();
    }

    /// <summary>
    /// The log files that may hold txns after <paramref name="snapshotZxid"/>: the last one starting at or before
    /// it, and every later one (FileTxnLog.getLogFiles). Oldest first.
    /// </summary>
    public static IReadOnlyList<string> GetLogFiles(string logDir, long snapshotZxid)
    {
        var files = List(logDir);
        long logZxid = 0;
        foreach (var file in files)
        {
            var zxid = GetZxidFromName(Path.GetFileName(file), Prefix);
            if (zxid > snapshotZxid)
            {
                break;
            }
            logZxid = Math.Max(logZxid, zxid);
        }
        return files.Where(f => GetZxidFromName(Path.GetFileName(f), Prefix) >= logZxid).ToList();
    }

    /// <summary>
    /// Cuts a log file at <paramref name="offset"/> (the start of a torn record) and makes the cut durable. A file
    /// left without a complete header is deleted, as ZooKeeper deletes an empty tail log.
    /// </summary>
    public static void TruncateAt(string file, long offset)
    {
        if (offset < FileHeader.Size)
        {
            File.Delete(file);
            DirectorySync.Fsync(Path.GetDirectoryName(Path.GetFullPath(file))!);
            return;
        }
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(offset);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Removes every txn after <paramref name="zxid"/> (FileTxnLog.truncate, used when the leader sends TRUNC):
    /// the file holding it is cut after its record and later files are deleted. Returns false when no log holds
    /// <paramref name="zxid"/> or anything before it.
    /// </summary>
    public static bool TruncateAfter(string logDir, long zxid)
    {
        string? cutFile = null;
        long cutOffset = 0;
        using (var reader = TxnLogReader.Open(logDir, 0))
        {
            while (reader.MoveNext())
            {
                if (reader.Current.Zxid > zxid)
                {
                    break;
                }
                cutFile = reader.Current.File;
                cutOffset = reader.Current.Offset + reader.Current.Length;
            }
        }
        if (cutFile is null)
        {
            return false;
        }
        var cutStart = GetZxidFromName(Path.GetFileName(cutFile), Prefix);
        TruncateAt(cutFile, cutOffset);
        foreach (var file in List(logDir))
        {
            if (GetZxidFromName(Path.GetFileName(file), Prefix) > cutStart)
            {
                File.Delete(file);
            }
        }
        DirectorySync.Fsync(logDir);
        return true;
    }
}
