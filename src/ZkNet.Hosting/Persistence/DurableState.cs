using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;
using ZkNet.Persistence.Database;
using ZkNet.Persistence.DataDir;
using ZkNet.Persistence.Snapshots;
using ZkNet.Persistence.TxnLog;
using ZkNet.Server;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Persistence;

/// <summary>
/// The on-disk side of a server: recovery at startup, the txn log, snapshots and autopurge, all in Apache
/// ZooKeeper's formats and directories (dataDir/version-2, dataLogDir/version-2).
/// </summary>
internal sealed partial class DurableState : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly ServerConfig _config;
    private ITimer? _purgeTimer;
    private DataDirs? _dirs;

    private DurableState(ServerConfig config, FileTxnSnapLog snapLog, RecoveredDatabase recovered, FileTxnLogAdapter txnLog,
        SnapshotStoreAdapter snapshots, ILogger logger)
    {
        _config = config;
        SnapLog = snapLog;
        Recovered = recovered;
        TxnLog = txnLog;
        Snapshots = snapshots;
        _logger = logger;
    }

    public FileTxnSnapLog SnapLog { get; }

    public RecoveredDatabase Recovered { get; }

    public FileTxnLogAdapter TxnLog { get; }

    public SnapshotStoreAdapter Snapshots { get; }

    /// <summary>How long recovery took (ZooKeeper's dbinittime).</summary>
    public TimeSpan LoadTime { get; private init; }

    /// <summary>Recovers the state from the data directories (creating them when allowed) and opens the log.</summary>
    /// <remarks>
    /// An ensemble member passes the state its previous role kept in memory as <paramref name="kept"/>: only the txns
    /// logged after it are replayed onto it, instead of reading the newest snapshot and its log again. It also holds
    /// the directories' lock for its whole life (<paramref name="lockedDirs"/>), so no other server can take them
    /// between two of its roles; this state then leaves the lock alone.
    /// </remarks>
    public static DurableState Open(ServerConfig config, ILogger logger, (Server.DataTree.DataTree Tree, Dictionary<long, int> Sessions)? kept = null,
        DataDirs? lockedDirs = null)
    {
        if (lockedDirs is not null)
        {
            return Open(config, lockedDirs, logger, kept, ownsDirs: false);
        }
        // Checked and locked first, so a second server on the same directories refuses before it reads or writes them.
        var dirs = DataDirs.Prepare(config);
        try
        {
            return Open(config, dirs, logger, kept, ownsDirs: true);
        }
        catch
        {
            dirs.Dispose();
            throw;
        }
    }

    private static DurableState Open(ServerConfig config, DataDirs dirs, ILogger logger, (Server.DataTree.DataTree Tree, Dictionary<long, int> Sessions)? kept,
        bool ownsDirs)
    {
        var dataDir = Path.GetFullPath(config.DataDir);
        var dataLogDir = config.DataLogDir is null ? null : Path.GetFullPath(config.DataLogDir);
        var snapLog = new FileTxnSnapLog(dataDir, dataLogDir);
        foreach (var file in snapLog.DeleteIncompleteSnapshots())
        {
            // A crash in the middle of a snapshot leaves its temporary file; without this they pile up.
            LogIncompleteSnapshotDeleted(logger, file);
        }
        var loadStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var recovered = kept is { } state
            ? ZkDatabase.FastForward(snapLog, state.Tree, state.Sessions, logger)
            : ZkDatabase.Load(snapLog, config.ExtendedTypesEnabled, TrustEmptySnapshot(config), logger, config.DigestEnabled);
        var loadTime = System.Diagnostics.Stopwatch.GetElapsedTime(loadStarted);
        var log = snapLog.CreateTxnLog(new TxnLogOptions
        {
            PreAllocSize = config.PreAllocSizeKb * 1024,
            ForceSync = config.ForceSync,
            SizeLimit = config.TxnLogSizeLimitInKb > 0 ? config.TxnLogSizeLimitInKb * 1024 : 0,
            FsyncWarningThreshold = TimeSpan.FromMilliseconds(config.FsyncWarningThresholdMs),
        });
        var txnLog = new FileTxnLogAdapter(log, logger);
        var snapshots = new SnapshotStoreAdapter(snapLog, SnapshotCompressionOf(config));
        return new DurableState(config, snapLog, recovered, txnLog, snapshots, logger) { _dirs = ownsDirs ? dirs : null, LoadTime = loadTime };
    }

    /// <summary>Starts autopurge when autopurge.purgeInterval is set (hours), keeping autopurge.snapRetainCount snapshots.</summary>
    public void StartAutopurge(TimeProvider time)
    {
        if (_config.AutopurgePurgeIntervalHours <= 0)
        {
            return;
        }
        var interval = TimeSpan.FromHours(_config.AutopurgePurgeIntervalHours);
        // The first purge runs at once, as ZooKeeper's DatadirCleanupManager schedules it (observed: QuorumPeerMain
        // purges while it starts), then every interval.
        _purgeTimer = time.CreateTimer(_ => Purge(), null, TimeSpan.Zero, interval);
        LogAutopurge(_config.AutopurgePurgeIntervalHours, _config.AutopurgeSnapRetainCount);
    }

    /// <summary>Deletes all but the newest snapshots and the logs they need.</summary>
    public void Purge()
    {
        try
        {
            var removed = SnapLog.Purge(Math.Max(FileTxnSnapLog.MinRetainCount, _config.AutopurgeSnapRetainCount));
            LogPurged(removed.Count);
        }
        catch (IOException ex)
        {
            LogPurgeFailed(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_purgeTimer is not null)
        {
            await _purgeTimer.DisposeAsync().ConfigureAwait(false);
        }
        await TxnLog.DisposeAsync().ConfigureAwait(false);
        // Released last: the next server may open the log only after this one has closed it.
        _dirs?.Dispose();
    }

    /// <summary>Attaches the log's snapshots to a server and takes the startup snapshot, as ZooKeeper does.</summary>
    public void Attach(ZooKeeperServer core)
    {
        core.RestoreSessions(Recovered.Sessions);
        core.Metrics.Summary("dbinittime").Record((long)LoadTime.TotalMilliseconds);
        core.Metrics.Summary("startup_txns_loaded").Record(Recovered.TxnsReplayed);
        // Mismatches found while the files were replayed count as ZooKeeper counts them in its DataTree.
        core.Metrics.Counter("digest_mismatches_count").Add(Recovered.DigestMismatches);
        TxnLog.Metrics = core.Metrics;
        core.SnapshotStore = new MeasuredSnapshotStore(Snapshots, core.Metrics);
        core.TakeSnapshotNow();
    }

    private static bool TrustEmptySnapshot(ServerConfig config) => config.SnapshotTrustEmpty;

    private static SnapshotCompression SnapshotCompressionOf(ServerConfig config) => config.SnapshotCompressionMethod switch
    {
        "gz" => SnapshotCompression.Gzip,
        "snappy" => SnapshotCompression.Snappy,
        _ => SnapshotCompression.None,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {File}, a snapshot left incomplete by a crash")]
    private static partial void LogIncompleteSnapshotDeleted(ILogger logger, string file);

    [LoggerMessage(Level = LogLevel.Information, Message = "Autopurge every {Hours} h, keeping {Retain} snapshots")]
    private partial void LogAutopurge(int hours, int retain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} old snapshot and log files")]
    private partial void LogPurged(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purge failed")]
    private partial void LogPurgeFailed(Exception ex);
}
