using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Server.Sessions;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// The standalone request pipeline. Transports submit decoded requests; one processor task takes them in
/// batches and, for each, validates (Prep), assigns a zxid, applies the txn to the DataTree and stages the reply
/// (Final). At the end of a batch its txns go to the <see cref="ITxnLog"/> in one sync, and only then are the
/// batch's replies and notifications released to the connections. Applying before the sync is safe because
/// nothing of the batch becomes visible to any client until the sync completes.
/// </summary>
public sealed partial class ZooKeeperServer : IAsyncDisposable
{
    private readonly Channel<Request> _requests;
    private readonly Channel<SyncBatch> _syncQueue = Channel.CreateUnbounded<SyncBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ITxnLog? _txnLog;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ServerCnxn> _touched = [];
    private readonly List<LoggedTxn> _batchTxns = [];
    private readonly Action<ServerCnxn> _onFirstStage;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _tickTimer;
    private Task? _processorTask;
    private Task? _syncTask;
    private int _pendingSyncBatches;
    private long _lastZxid;

    /// <summary>Creates a server over an existing tree and sessions (empty, or recovered from disk).</summary>
    public ZooKeeperServer(ZooKeeperServerOptions options, ITxnLog? txnLog = null, TimeProvider? time = null,
        ILogger<ZooKeeperServer>? logger = null, Tree? tree = null)
    {
        Options = options;
        _txnLog = txnLog;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ZooKeeperServer>.Instance;
        Tree = tree ?? new Tree(options.ExtendedTypesEnabled);
        _lastZxid = Tree.LastProcessedZxid;
        Sessions = new SessionTracker(options.ServerId, options.TickTime, MonotonicNow());
        _requests = Channel.CreateBounded<Request>(new BoundedChannelOptions(options.RequestQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _onFirstStage = cnxn => _touched.Add(cnxn);
        _snapRandom = new Random(options.RandomSeed ?? Environment.TickCount);
        _snapshotRoll = _snapRandom.Next(Math.Max(1, options.SnapCount / 2));
        StartedAt = _time.GetUtcNow();
    }

    /// <summary>The options in force.</summary>
    public ZooKeeperServerOptions Options { get; }

    /// <summary>The tree (processor thread only, except for racy statistics).</summary>
    public Tree Tree { get; }

    /// <summary>The sessions (processor thread only).</summary>
    public SessionTracker Sessions { get; }

    /// <summary>Server-wide counters.</summary>
    public ServerStats Stats { get; } = new();

    /// <summary>When the server started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The connections known to the server (maintained by the transport; for cons and stat).</summary>
    public IConnectionRegistry? Connections { get; set; }

    /// <summary>The last zxid assigned.</summary>
    public long LastZxid => Interlocked.Read(ref _lastZxid);

    /// <summary>Raised (on the processor thread) when the server hits an unrecoverable fault, such as a failed log sync.</summary>
    public event Action<Exception>? Faulted;

    /// <summary>Starts the processor, the sync stage and the tick timer.</summary>
    public void Start()
    {
        _processorTask = Task.Run(ProcessLoopAsync);
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
        return _requests.Writer.TryWrite(request) ? ValueTask.CompletedTask : _requests.Writer.WriteAsync(request, cancellationToken);
    }

    /// <summary>Stops processing; connections are left to the transport to close.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_tickTimer is not null)
        {
            await _tickTimer.DisposeAsync().ConfigureAwait(false);
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
                        request.Cnxn?.StageReply(request.Xid, _lastZxid, Protocol.ErrorCode.SystemError, null);
                    }
                }
                EndBatch();
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
        if (_touched.Count == 0 && _batchTxns.Count == 0 && _snapshot is not { IsWalked: true })
        {
            return;
        }
        var outputs = new List<(ServerCnxn Cnxn, Protocol.Framing.FrameBuffer Buffer, bool Close)>(_touched.Count);
        foreach (var cnxn in _touched)
        {
            var (buffer, close) = cnxn.TakeStaged();
            if (buffer is not null)
            {
                outputs.Add((cnxn, buffer, close));
            }
        }
        _touched.Clear();
        var txns = _batchTxns.Count == 0 ? [] : _batchTxns.ToList();
        _batchTxns.Clear();
        var rollFirst = _rollLogBeforeNextTxns && txns.Count > 0;
        if (rollFirst)
        {
            _rollLogBeforeNextTxns = false;
        }
        var afterSync = TakeWalkedSnapshot();
        MaybeStartSnapshot(txns.Count);
        // Outputs of a batch without txns may bypass the sync stage only when nothing is waiting there: a read
        // must never overtake the reply to an earlier write.
        if (_txnLog is null || (txns.Count == 0 && afterSync is null && Volatile.Read(ref _pendingSyncBatches) == 0))
        {
            Deliver(outputs);
            if (afterSync is not null)
            {
                _ = Task.Run(afterSync);
            }
            return;
        }
        Interlocked.Increment(ref _pendingSyncBatches);
        _syncQueue.Writer.TryWrite(new SyncBatch(txns, outputs, rollFirst, afterSync));
    }

    private static void Deliver(List<(ServerCnxn Cnxn, Protocol.Framing.FrameBuffer Buffer, bool Close)> outputs)
    {
        foreach (var (cnxn, buffer, close) in outputs)
        {
            cnxn.Deliver(buffer, close);
        }
    }

    private async Task SyncLoopAsync()
    {
        var reader = _syncQueue.Reader;
        var group = new List<SyncBatch>();
        var txns = new List<LoggedTxn>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Group commit across batches: everything queued while the previous sync ran shares the next one. A
            // batch that must start a new log file ends the group before it.
            var rollFirst = false;
            while (reader.TryPeek(out var next) && (group.Count == 0 || !next.RollLogFirst))
            {
                reader.TryRead(out var batch);
                rollFirst |= batch!.RollLogFirst;
                group.Add(batch);
                txns.AddRange(batch.Txns);
            }
            try
            {
                if (txns.Count > 0)
                {
                    await _txnLog!.AppendAndSyncAsync(txns, rollFirst, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // Never acknowledge what is not durable: drop the replies, close those connections, and stop. Any
                // exception, not only I/O ones: one escaping here ended the sync task silently and every later
                // request waited forever.
                LogSyncFailed(ex);
                foreach (var batch in group)
                {
                    foreach (var (cnxn, buffer, _) in batch.Outputs)
                    {
                        buffer.Clear();
                        cnxn.Deliver(buffer, close: true);
                    }
                }
                Faulted?.Invoke(ex);
                return;
            }
            foreach (var batch in group)
            {
                Deliver(batch.Outputs);
                if (batch.AfterSync is { } afterSync)
                {
                    _ = Task.Run(afterSync);
                }
                Interlocked.Decrement(ref _pendingSyncBatches);
            }
            group.Clear();
            txns.Clear();
        }
    }

    private sealed record SyncBatch(List<LoggedTxn> Txns, List<(ServerCnxn Cnxn, Protocol.Framing.FrameBuffer Buffer, bool Close)> Outputs,
        bool RollLogFirst, Action? AfterSync);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Op} failed unexpectedly")]
    private partial void LogRequestFailed(Exception ex, string op);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The request processor failed; no further requests will be answered")]
    private partial void LogProcessorFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Txn log sync failed; no further writes will be acknowledged")]
    private partial void LogSyncFailed(Exception ex);
}
