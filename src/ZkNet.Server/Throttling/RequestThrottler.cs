using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Server.Metrics;
using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Throttling;

/// <summary>
/// ZooKeeper's RequestThrottler: when on (<see cref="RequestThrottleSettings.MaxRequests"/> above 0), connections
/// submit their requests here instead of to the request processor, and one task passes them on in arrival order while
/// fewer than MaxRequests are in process (passed on and not yet answered). Beyond that the head request waits, woken
/// when a request is answered or a connection closes and re-checking at least every stall time; nothing is refused.
/// The queue is bounded, and the connections stop reading while it holds too much of theirs
/// (globalOutstandingLimit), so a throttled server pushes back on its clients through TCP.
/// </summary>
/// <remarks>
/// A request is stale when its connection has closed (request_stale_connection_check) or, with
/// request_stale_latency_check, when it is older than its session's timeout; closeSession never is. With
/// request_throttle_drop_stale a stale request is dropped rather than processed (stale_requests_dropped) and its
/// connection marked invalid: every later request of that connection is dropped too, so a client never sees a reply
/// to a request sent after one that was lost (a live connection is closed, as ZooKeeper's setInvalid does). A
/// connection's close passes through the same queue, after its requests, so the processor always learns of it last.
/// </remarks>
public sealed partial class RequestThrottler : IAsyncDisposable
{
    private readonly RequestThrottleSettings _settings;
    private readonly Channel<Request> _submitted;
    private readonly ChannelWriter<Request> _next;
    private readonly Action<Request> _dropUnprocessed;
    private readonly Action<Exception> _onFault;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ThrottleSignal _signal;
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _stall;
    private MetricCounter _waitCount = null!;
    private MetricCounter _staleRequests = null!;
    private MetricCounter _staleDropped = null!;
    private MetricSummary _queueTime = null!;
    private Task? _loop;
    private volatile bool _killed;

    /// <summary>
    /// A throttler in front of <paramref name="next"/> (the processor's queue). <paramref name="dropUnprocessed"/>
    /// undoes the accounting of a request that will never reach the processor (outstanding counts, large-request
    /// bytes). <paramref name="onFault"/> stops the server if the throttler itself fails.
    /// </summary>
    internal RequestThrottler(RequestThrottleSettings settings, int capacity, ChannelWriter<Request> next, Action<Request> dropUnprocessed,
        Action<Exception> onFault, ILogger logger, TimeProvider time)
    {
        _settings = settings;
        _next = next;
        _dropUnprocessed = dropUnprocessed;
        _onFault = onFault;
        _logger = logger;
        _time = time;
        _signal = new ThrottleSignal(time);
        _stall = settings.StallTimeMs > 0 ? TimeSpan.FromMilliseconds(settings.StallTimeMs) : Timeout.InfiniteTimeSpan;
        _submitted = Channel.CreateBounded<Request>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The most requests in process at once (request_throttle_max_requests).</summary>
    public int MaxRequests => _settings.MaxRequests;

    /// <summary>Requests waiting to be passed on (ZooKeeper's getInflight).</summary>
    public int Waiting => _submitted.Reader.CanCount ? _submitted.Reader.Count : 0;

    /// <summary>Starts passing requests on; the figures go to <paramref name="metrics"/>.</summary>
    internal void Start(ServerMetrics metrics)
    {
        _waitCount = metrics.Counter("request_throttle_wait_count");
        _staleRequests = metrics.Counter("stale_requests");
        _staleDropped = metrics.Counter("stale_requests_dropped");
        _queueTime = metrics.Summary("request_throttle_queue_time_ms");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues a connection's request, handshake or close, waiting while the queue is full. A close marks the
    /// connection stale at once, so its requests still waiting here are known to be stale.
    /// </summary>
    internal ValueTask SubmitAsync(Request request, CancellationToken cancellationToken)
    {
        var cnxn = request.Cnxn!;
        if (cnxn.Throttler is null)
        {
            cnxn.Throttler = this;
        }
        if (request.Kind == RequestKind.ConnectionClosed)
        {
            cnxn.MarkStale();
        }
        return _submitted.Writer.TryWrite(request) ? ValueTask.CompletedTask : _submitted.Writer.WriteAsync(request, cancellationToken);
    }

    /// <summary>A connection went stale: the head request may be one of its, to be dropped now rather than after a stall.</summary>
    internal void OnConnectionStale() => _signal.Wake();

    private async Task RunAsync()
    {
        var reader = _submitted.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (!_killed && reader.TryRead(out var request))
                {
                    await PassAsync(request).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Killed at shutdown; what is left is dropped by DisposeAsync.
        }
        catch (ChannelClosedException)
        {
            // The processor stopped taking requests: the server is stopping.
        }
        catch (Exception ex)
        {
            // Nothing would pass on any more: stop the server rather than leave every client waiting.
            LogFailed(ex);
            _onFault(ex);
        }
    }

    // Pooled: a request that has to wait suspends this method, and its state is reused rather than allocated per wait.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask PassAsync(Request request)
    {
        var cnxn = request.Cnxn!;
        if (request.Kind == RequestKind.ConnectionClosed)
        {
            await ForwardAsync(request).ConfigureAwait(false);
            return;
        }
        if (cnxn.ThrottleInvalid)
        {
            // An earlier request of this connection was dropped: so is every later one (ZooKeeper's mustDrop).
            _dropUnprocessed(request);
            return;
        }
        while (true)
        {
            if (_settings.DropStale && IsStale(request))
            {
                await DropStaleAsync(request).ConfigureAwait(false);
                return;
            }
            if (Volatile.Read(ref _inProcess) < _settings.MaxRequests)
            {
                break;
            }
            if (_killed)
            {
                _dropUnprocessed(request);
                return;
            }
            await StallAsync(request).ConfigureAwait(false);
        }
        if (IsStale(request))
        {
            _staleRequests.Add();
        }
        _queueTime.Record((long)Stopwatch.GetElapsedTime(request.ReceivedTimestamp).TotalMilliseconds);
        if (!TryCount(cnxn))
        {
            _dropUnprocessed(request);
            return;
        }
        try
        {
            await ForwardAsync(request).ConfigureAwait(false);
        }
        catch
        {
            Uncount(cnxn);
            _dropUnprocessed(request);
            throw;
        }
    }

    private ValueTask ForwardAsync(Request request) =>
        _next.TryWrite(request) ? ValueTask.CompletedTask : _next.WriteAsync(request, _stop.Token);

    /// <summary>
    /// Waits until a request completes, a connection goes stale, the server stops, or the stall time passes
    /// (ZooKeeper's throttleSleep; each counts in request_throttle_wait_count).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask StallAsync(Request head)
    {
        _waitCount.Add();
        _signal.Arm();
        if ((Volatile.Read(ref _inProcess) < _settings.MaxRequests || _killed || (_settings.DropStale && IsStale(head)))
            && _signal.TryDisarm())
        {
            return;
        }
        await _signal.WaitAsync(_stall).ConfigureAwait(false);
    }

    /// <summary>ZooKeeper's Request.isStale: closeSession never is, so a session can always be closed.</summary>
    private bool IsStale(Request request)
    {
        if (request is { Kind: RequestKind.Client, Op: OpCode.CloseSession })
        {
            return false;
        }
        var cnxn = request.Cnxn!;
        if (_settings.StaleConnectionCheck && (cnxn.IsStale || cnxn.ThrottleInvalid))
        {
            return true;
        }
        // Before the handshake is processed the connection has no session timeout yet: no latency to compare.
        var timeout = cnxn.SessionTimeout;
        return _settings.StaleLatencyCheck && timeout > 0 && Stopwatch.GetElapsedTime(request.ReceivedTimestamp).TotalMilliseconds > timeout;
    }

    private async ValueTask DropStaleAsync(Request request)
    {
        _staleDropped.Add();
        var cnxn = request.Cnxn!;
        cnxn.ThrottleInvalid = true;
        _dropUnprocessed(request);
        LogStaleDropped(request.Kind == RequestKind.Connect ? "connect" : request.Op.ToString(), cnxn.SessionId, cnxn.Remote.ToString());
        if (!cnxn.IsStale)
        {
            // Stale by latency on a live connection: close it, as ZooKeeper's setInvalid does, so that the client
            // reconnects and resends rather than wait for a reply that will never come.
            await ForwardAsync(new Request { Kind = RequestKind.ConnectionClosed, Cnxn = cnxn }).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The request throttler failed; no further requests will be passed on")]
    private partial void LogFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropping stale {Op} request of session 0x{SessionId:x} from {Remote}; its connection's later requests are dropped too")]
    private partial void LogStaleDropped(string op, long sessionId, string remote);
}
