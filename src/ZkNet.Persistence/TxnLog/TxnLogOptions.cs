namespace ZkNet.Persistence.TxnLog;

/// <summary>How <see cref="FileTxnLog"/> writes. Defaults are Apache ZooKeeper's.</summary>
public sealed record TxnLogOptions
{
    /// <summary>
    /// Bytes to extend a log file by, zero-filled, whenever the write position comes within 4 KiB of its end
    /// (zookeeper.preAllocSize, given in KiB there; default 64 MiB). Keeping the size unchanged between fsyncs
    /// spares the file system a metadata update per commit. 0 or less turns preallocation off.
    /// </summary>
    public long PreAllocSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>The dbid written in each new file's header (ZooKeeper writes 0).</summary>
    public long DbId { get; init; }

    /// <summary>fsync on commit (zookeeper.forceSync, default yes). Off only for tests and benchmarks.</summary>
    public bool ForceSync { get; init; } = true;

    /// <summary>
    /// Roll to a new file after a commit leaves the current one larger than this many bytes
    /// (zookeeper.txnLogSizeLimitInKb, in KiB there); 0 or less means no limit, the default.
    /// </summary>
    public long SizeLimit { get; init; }

    /// <summary>An fsync slower than this is reported as exceeding fsync.warningthresholdms (default 1000 ms).</summary>
    public TimeSpan FsyncWarningThreshold { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock that times fsyncs.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
