using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.TxnLog;

namespace ZkNet.Persistence.DataDir;

/// <summary>
/// A server's data directories as ZooKeeper lays them out (FileTxnSnapLog): snapshots in dataDir/version-2, txn
/// logs in dataLogDir/version-2 (dataDir when no separate log directory is configured). Finds the snapshot to
/// recover from and the logs to replay after it, and purges old files by PurgeTxnLog's rule.
/// </summary>
public sealed partial class FileTxnSnapLog
{
    /// <summary>The subfolder named after the file format version.</summary>
    public const string VersionDirectory = "version-2";

    /// <summary>How many snapshots, newest first, recovery tries before giving up (FileSnap reads up to 100).</summary>
    public const int MaxSnapshotsToTry = 100;

    /// <summary>Uses <paramref name="dataDir"/> (and <paramref name="dataLogDir"/> for logs, when given), creating the version-2 folders.</summary>
    public FileTxnSnapLog(string dataDir, string? dataLogDir = null)
    {
        DataDir = dataDir;
        SnapDir = Path.Combine(dataDir, VersionDirectory);
        LogDir = Path.Combine(dataLogDir ?? dataDir, VersionDirectory);
        Directory.CreateDirectory(SnapDir);
        Directory.CreateDirectory(LogDir);
    }

    /// <summary>The configured dataDir (myid lives here).</summary>
    public string DataDir { get; }

    /// <summary>Where snapshots, acceptedEpoch and currentEpoch live.</summary>
    public string SnapDir { get; }

    /// <summary>Where txn logs live.</summary>
    public string LogDir { get; }

    /// <summary>Every snapshot file, newest (highest zxid) first. Temporary files of unfinished snapshots are not listed.</summary>
    public IReadOnlyList<SnapshotFileInfo> ListSnapshots() =>
        Directory.EnumerateFiles(SnapDir, SnapshotFileName.Prefix + ".*")
            .Select(path => SnapshotFileName.TryParse(Path.GetFileName(path), out var zxid, out var compression)
                ? new SnapshotFileInfo(path, zxid, compression)
                : null)
            .OfType<SnapshotFileInfo>()
            .OrderByDescending(s => s.Zxid)
            .ToList();

    /// <summary>
    /// The cheap check ZooKeeper makes before trying a snapshot (SnapStream.isValidSnapshot): a plain snapshot
    /// must be at least 10 bytes and end with the seal's "/" (int 1, then '/'); a compressed one must start with
    /// its format's magic. A snapshot that passes may still fail its checksum when read.
    /// </summary>
    public static bool LooksComplete(SnapshotFileInfo snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var file = new FileStream(snapshot.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        Span<byte> bytes = stackalloc byte[8];
        switch (snapshot.Compression)
        {
            case SnapshotCompression.Gzip:
                return file.ReadAtLeast(bytes[..2], 2, throwOnEndOfStream: false) == 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
            case SnapshotCompression.Snappy:
                return file.ReadAtLeast(bytes, 8, throwOnEndOfStream: false) == 8 && bytes.SequenceEqual(XerialSnappyFormat.Magic);
            default:
                if (file.Length < 10)
                {
                    return false;
                }
                file.Seek(-5, SeekOrigin.End);
                return file.ReadAtLeast(bytes[..5], 5, throwOnEndOfStream: false) == 5 &&
                    bytes[..5].SequenceEqual((ReadOnlySpan<byte>)[0, 0, 0, 1, (byte)'/']);
        }
    }

    /// <summary>
    /// Loads the newest snapshot that reads back whole: <paramref name="load"/> is called on each candidate, newest
    /// first, until one succeeds; a candidate that fails the quick check, its checksum seal or decoding (or for
    /// which <paramref name="load"/> throws an <see cref="IOException"/>, e.g. a node whose parent is missing) is
    /// skipped, as FileSnap.deserialize does. The seal is checked even when <paramref name="load"/> stops early.
    /// Returns null when there is no snapshot at all; throws <see cref="SnapshotCorruptException"/> when there are
    /// snapshots but none is valid.
    /// </summary>
    public SnapshotLoadResult<T>? LoadNewestValidSnapshot<T>(Func<SnapshotReader, T> load, int maxSnapshots = MaxSnapshotsToTry)
    {
        ArgumentNullException.ThrowIfNull(load);
        var skipped = new List<(SnapshotFileInfo, Exception)>();
        var candidates = ListSnapshots();
        foreach (var snapshot in candidates.Take(maxSnapshots))
        {
            try
            {
                if (!LooksComplete(snapshot))
                {
                    throw new SnapshotCorruptException($"snapshot {snapshot.Path} is incomplete (no seal at its end or no magic)");
                }
                using var reader = SnapshotReader.Open(snapshot.Path);
                var value = load(reader);
                reader.EnsureTrailerRead();
                return new SnapshotLoadResult<T>(value, snapshot, skipped);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                skipped.Add((snapshot, e));
            }
        }
        if (candidates.Count == 0)
        {
            return null;
        }
        throw new SnapshotCorruptException(
            $"no valid snapshot in {SnapDir}: " + string.Join("; ", skipped.Select(s => s.Item2.Message)),
            skipped.Count > 0 ? skipped[0].Item2 : new SnapshotCorruptException("no snapshot tried"));
    }

    /// <summary>The log files holding txns after <paramref name="zxid"/> (FileTxnSnapLog.getSnapshotLogs), oldest first.</summary>
    public IReadOnlyList<string> GetSnapshotLogs(long zxid) => TxnLogFiles.GetLogFiles(LogDir, zxid);

    /// <summary>Reads the logged txns from <paramref name="fromZxid"/> on (to replay after a snapshot: its zxid + 1).</summary>
    public TxnLogReader ReadLog(long fromZxid, bool verifyTail = true) => TxnLogReader.Open(LogDir, fromZxid, verifyTail);

    /// <summary>A log writer on the log directory.</summary>
    public FileTxnLog CreateTxnLog(TxnLogOptions? options = null) => new(LogDir, options);

    /// <summary>Starts writing snapshot.&lt;zxid&gt; in the snapshot directory.</summary>
    public SnapshotWriter CreateSnapshot(long zxid, SnapshotCompression compression = SnapshotCompression.None, bool fsync = true) =>
        SnapshotWriter.Create(SnapDir, zxid, compression, fsync);
}
