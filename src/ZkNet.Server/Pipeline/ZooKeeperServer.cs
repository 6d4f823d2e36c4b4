using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Server.Sessions;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// The request pipeline. Transports submit decoded requests; one processor task takes them in batches. A write is
/// validated (Prep), given the next zxid and proposed: its txn joins the outstanding changes and the batch's log
/// append. When the commit policy releases it (standalone: the fsync of the log that holds it) the commit applier
/// applies it to the DataTree, which fires watches, and stages the reply. Reads run against the tree at once,
/// unless their own session has writes in flight (then they wait behind them). Everything staged reflects only
/// committed txns, so each batch's output is delivered at its end.
/// </summary>
public sealed partial class ZooKeeperServer : IAsyncDisposable
{
    private readonly Channel<Request> _requests;
    private readonly Channel<SyncBatch> _syncQueue = Channel.CreateUnbounded<SyncBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ITxnLog? _txnLog;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ServerCnxn> _touched = [];
    private readonly Action<ServerCnxn> _onFirstStage;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _tickTimer;
    private Task? _processorTask;
    private Task? _syncTask;
    private readonly ZxidAllocator _zxids;

    /// <summary>Creates a server over an existing tree and sessions (empty, or recovered from disk).</summary>
    public ZooKeeperServer(ZooKeeperServerOptions options, ITxnLog? txnLog = null, TimeProvider? time = null,
        ILogger<ZooKeeperServer>? logger = null, Tree? tree = null)
    {
        Options = options;
        _txnLog = txnLog;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ZooKeeperServer>.Instance;
        Tree = tree ?? new Tree(options.ExtendedTypesEnabled);
        if (!options.DigestEnabled)
        {
            Tree.DigestEnabled = false;
        }
        _zxids = new ZxidAllocator(Tree.LastProcessedZxid);
        Sessions = new SessionTracker(options.ServerId, options.TickTime, MonotonicNow());
        _requests = Channel.CreateBounded<Request>(new BoundedChannelOptions(options.RequestQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _throttler = CreateThrottler(options);
        _onFirstStage = cnxn => _touched.Add(cnxn);
        _snapRandom = new Random(options.RandomSeed ?? Environment.TickCount);
        _connectionThrottle = new Throttling.ConnectionThrottle(options.ConnectionThrottle, MonotonicNow(), new Random(options.RandomSeed ?? Environment.TickCount));
        _snapshotRoll = _snapRandom.Next(Math.Max(1, options.SnapCount / 2));
        StartedAt = _time.GetUtcNow();
    }

    /// <summary>The options in force.</summary>
    public ZooKeeperServerOptions Options { get; }

    /// <summary>The tree (processor thread only, except for racy statistics).</summary>
    public Tree Tree { get; private set; }

    /// <summary>The sessions (processor thread only).</summary>
    public SessionTracker Sessions { get; }

    /// <summary>Server-wide counters.</summary>
    public ServerStats Stats { get; } = new();

    /// <summary>When the server started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The connections known to the server (maintained by the transport; for cons and stat).</summary>
    public IConnectionRegistry? Connections { get; set; }

    /// <summary>The last zxid assigned.</summary>
    public long LastZxid => _zxids.Last;

    /// <summary>Raised (on the processor thread) when the server hits an unrecoverable fault, such as a failed log sync.</summary>
    public event Action<Exception>? Faulted;

    /// <summary>Starts the processor, the sync stage and the tick timer.</summary>
    public void Start()
    {
        _processorTask = Task.Run(ProcessLoopAsync);
        _throttler?.Start(HotMetrics);
        if (_txnLog is not null)
        {
            _syncTask = Task.Run(SyncLoopAsync);
        }
        var tick = TimeSpan.FromMilliseconds(Math.Max(10, Options.TickTime / 2));
        _tickTimer = _time.CreateTimer(_ => _requests.Writer.TryWrite(new Request { Kind = RequestKind.Tick }), null, tick, tick);
    }

    /// <summary>Queues a request, waiting when the queue is full (back-pressure on the caller's connection).</summary>
    public ValueTask SubmitAsync(Request request, CancellationToken cancellationToken = default)
    {
        // Only client requests count as outstanding: ticks, closes and four-letter words are not requests a
        // client waits for (counting them made srvr report the asking connection's own close).
        if (request.Kind == RequestKind.Client)
        {
            Interlocked.Increment(ref Stats.Outstanding);
        }
        if (_throttler is not null && IsThrottled(request))
        {
            return _throttler.SubmitAsync(request, cancellationToken);
        }
        return _requests.Writer.TryWrite(request) ? ValueTask.CompletedTask : _requests.Writer.WriteAsync(request, cancellationToken);
    }

    /// <summary>Stops processing; connections are left to the transport to close.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_tickTimer is not null)
        {
            await _tickTimer.DisposeAsync().ConfigureAwait(false);
        }
        if (_throttler is not null)
        {
            // First, while the processor still runs: the requests waiting in the throttler get their chance to drain.
            await _throttler.DisposeAsync().ConfigureAwait(false);
        }
        _requests.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_processorTask is not null)
        {
            await _processorTask.ConfigureAwait(false);
        }
        await AbandonSnapshotAsync().ConfigureAwait(false);
        _syncQueue.Writer.TryComplete();
        if (_syncTask is not null)
        {
            await _syncTask.ConfigureAwait(false);
        }
        _stopping.Dispose();
        if (_ownsMetrics)
        {
            _metrics?.Dispose();
        }
    }

    private long MonotonicNow() => (long)_time.GetElapsedTime(0).TotalMilliseconds;

    private long WallNow() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task ProcessLoopAsync()
    {
        var reader = _requests.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                t_processing = this;
                RunPosted();
                ApplyCommitted();
                var count = 0;
                while (count < Options.MaxBatchSize && reader.TryRead(out var request))
                {
                    if (request.Kind == RequestKind.Client)
                    {
                        Interlocked.Decrement(ref Stats.Outstanding);
                        request.Cnxn?.OnRequestTaken();
                    }
                    count++;
                    try
                    {
                        Process(request);
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // A bug in one request must not stop the server: answer it and carry on.
                        LogRequestFailed(ex, request.Op.ToString());
                        _view.Clear();
                        request.Cnxn?.StageReply(request.Xid, _zxids.Last, Protocol.ErrorCode.SystemError, null);
                    }
                    finally
                    {
                        if (request.LargeRequestLength > 0)
                        {
                            Options.LargeRequests?.Release(request.LargeRequestLength);
                        }
                    }
                }
                RunPosted();
                EndBatch();
                t_processing = null;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Outside any one request (the end of a batch): the pipeline cannot go on. Stop the server rather than
            // leave clients waiting on a processor that no longer runs.
            LogProcessorFailed(ex);
            Faulted?.Invoke(ex);
        }
    }

    private void Process(Request request)
    {
        switch (request.Kind)
        {
            case RequestKind.Connect:
                ProcessConnect(request);
                break;
            case RequestKind.Client:
                ProcessClientRequest(request);
                break;
            case RequestKind.ConnectionClosed:
                ProcessConnectionClosed(request.Cnxn!);
                break;
            case RequestKind.FourLetterWord:
                ProcessFourLetterWord(request);
                break;
            case RequestKind.Tick:
                ProcessTick();
                break;
            case RequestKind.SnapshotWalked:
                // Nothing to do here: the end of this batch picks the walked snapshot up.
                break;
            case RequestKind.Committed:
                // Nothing to do here: every batch applies what has been committed.
                break;
            case RequestKind.Run:
                request.Action?.Invoke();
                RunPosted();
                break;
            default:
                throw new UnreachableException();
        }
    }

    /// <summary>Registers a connection so that output it stages is flushed at the end of the batch.</summary>
    private void Attach(ServerCnxn cnxn)
    {
        if (cnxn.OnFirstStage is null)
        {
            cnxn.OnFirstStage = _onFirstStage;
            cnxn.ServerStats = Stats;
            cnxn.SkipAcl = Options.SkipAcl;
        }
    }

    private void EndBatch()
    {
        ApplyCommitted();
        if (_touched.Count == 0 && _batchTxns.Count == 0 && _snapshot is not { IsWalked: true })
        {
            return;
        }
        // Everything staged reflects committed txns only, so it leaves now, whatever is still waiting for the log.
        foreach (var cnxn in _touched)
        {
            var (buffer, close) = cnxn.TakeStaged();
            if (buffer is not null)
            {
                cnxn.Deliver(buffer, close);
            }
        }
        _touched.Clear();
        var txnCount = _batchTxns.Count;
        if (txnCount > 0 && _txnLog is not null)
        {
            var rollFirst = _rollLogBeforeNextTxns;
            _rollLogBeforeNextTxns = false;
            _syncQueue.Writer.TryWrite(new SyncBatch(_batchTxns.ToArray(), rollFirst));
        }
        _batchTxns.Clear();
        // The tree holds only applied txns, and a txn is applied only once it is durable, so a walked snapshot can
        // be sealed at once: everything it reflects is already in the log.
        if (TakeWalkedSnapshot() is { } complete)
        {
            _ = Task.Run(complete);
        }
        MaybeStartSnapshot(txnCount);
    }

    private async Task SyncLoopAsync()
    {
        var reader = _syncQueue.Reader;
        var group = new List<LoggedTxn>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Group commit across batches: everything queued while the previous sync ran shares the next one. A
            // batch that must start a new log file ends the group before it.
            var rollFirst = false;
            while (reader.TryPeek(out var next) && (group.Count == 0 || !next.RollLogFirst))
            {
                reader.TryRead(out var batch);
                rollFirst |= batch!.RollLogFirst;
                group.AddRange(batch.Txns);
            }
            try
            {
                await _txnLog!.AppendAndSyncAsync(group, rollFirst, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Never acknowledge what is not durable: nothing in flight is applied or answered, its clients'
                // connections close, and the server stops. Any exception, not only I/O ones: one escaping here
                // ended the sync task silently and every later request waited forever.
                LogSyncFailed(ex);
                _commitsFailed = true;
                _requests.Writer.TryWrite(CommitWake);
                Faulted?.Invoke(ex);
                return;
            }
            var durable = group[^1].Header.Zxid;
            Volatile.Write(ref _durableZxid, durable);
            group.Clear();
            if (_replication is not null)
            {
                // In an ensemble a durable txn is only this member's ack; the protocol decides the commit.
                _replication.LocalDurable(durable);
                continue;
            }
            // The standalone commit policy: a txn commits once the log holding it is durable.
            Volatile.Write(ref _committedZxid, durable);
            // When the queue is full the processor is busy and applies the commit at the end of its batch anyway.
            _requests.Writer.TryWrite(CommitWake);
        }
    }

    /// <summary>Wakes the processor to apply what the commit policy released.</summary>
    private static readonly Request CommitWake = new() { Kind = RequestKind.Committed };

    private sealed record SyncBatch(LoggedTxn[] Txns, bool RollLogFirst);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Op} failed unexpectedly")]
    private partial void LogRequestFailed(Exception ex, string op);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The request processor failed; no further requests will be answered")]
    private partial void LogProcessorFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Txn log sync failed; no further writes will be acknowledged")]
    private partial void LogSyncFailed(Exception ex);
}
