using Microsoft.Extensions.Logging;
using ZkNet.Persistence.TxnLog;
using ZkNet.Server;
using ZkNet.Server.Metrics;

namespace ZkNet.Persistence.Database;

/// <summary>
/// The server's <see cref="ITxnLog"/> on ZooKeeper's txn log files: every txn of a group is appended to memory,
/// then one write and one fsync cover them all. Runs on the server's sync stage only (one caller at a time).
/// </summary>
public sealed partial class FileTxnLogAdapter : ITxnLog
{
    private readonly FileTxnLog _log;
    private readonly ILogger _logger;
    private long _bytesSinceRoll;

    /// <summary>Wraps an open log.</summary>
    public FileTxnLogAdapter(FileTxnLog log, ILogger logger)
    {
        _log = log;
        _logger = logger;
    }

    /// <summary>Where fsync times and group sizes go (fsynctime, sync_processor_batch_size), or null.</summary>
    public ServerMetrics? Metrics { get; set; }

    /// <inheritdoc />
    public long BytesSinceRoll => Interlocked.Read(ref _bytesSinceRoll);

    /// <summary>Txns made durable so far.</summary>
    public long TxnsLogged { get; private set; }

    /// <summary>Fsyncs done so far (group commit makes this far smaller than <see cref="TxnsLogged"/>).</summary>
    public long Syncs { get; private set; }

    /// <inheritdoc />
    public ValueTask AppendAndSyncAsync(IReadOnlyList<LoggedTxn> txns, bool rollFirst, CancellationToken cancellationToken)
    {
        if (rollFirst)
        {
            _log.RollLog();
            Interlocked.Exchange(ref _bytesSinceRoll, 0);
        }
        foreach (var txn in txns)
        {
            // MultiOps serializes as ZooKeeper's MultiTxn, so every body goes to the log as it is; the digest after
            // it follows when the server computed one (digest.enabled), as ZooKeeper 3.8 writes it.
            if (txn.Digest is { } digest)
            {
                _log.Append(txn.Header, txn.Body, digest);
            }
            else
            {
                _log.Append(txn.Header, txn.Body, (Protocol.Records.TxnDigest?)null);
            }
        }
        // The fsync blocks this (sync stage) thread only; the request processor keeps taking requests meanwhile.
        var commit = _log.Commit();
        TxnsLogged += commit.Records;
        Interlocked.Add(ref _bytesSinceRoll, commit.Bytes);
        Syncs++;
        Metrics?.Summary("fsynctime").Record((long)commit.FsyncDuration.TotalMilliseconds);
        Metrics?.Summary("sync_processor_batch_size").Record(txns.Count);
        if (commit.FsyncThresholdExceeded)
        {
            Metrics?.FsyncThresholdExceeded.Add();
            LogSlowFsync((long)commit.FsyncDuration.TotalMilliseconds, commit.Records);
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _log.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "fsync-ing the write ahead log took {Ms}ms which will adversely effect operation latency ({Records} txns). File size is not an issue.")]
    private partial void LogSlowFsync(long ms, int records);
}
