using ZkNet.Server.Throttling;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// Where the request throttler (ZooKeeper's RequestThrottler, <see cref="Throttling.RequestThrottler"/>) joins the
/// pipeline: when it is on, connections' requests, handshakes and closes reach the processor's queue through it, in
/// their order; ticks, commits, four-letter words and admin reads go straight to the processor.
/// </summary>
public sealed partial class ZooKeeperServer
{
    private readonly RequestThrottler? _throttler;

    /// <summary>The request throttler, or null when request_throttle_max_requests is 0 (the default: off).</summary>
    public RequestThrottler? RequestThrottler => _throttler;

    private RequestThrottler? CreateThrottler(ZooKeeperServerOptions options) =>
        options.RequestThrottle.MaxRequests > 0
            ? new RequestThrottler(options.RequestThrottle, options.RequestQueueCapacity, _requests.Writer, DropUnprocessed,
                ex => Faulted?.Invoke(ex), _logger, _time)
            : null;

    /// <summary>Whether the throttler takes <paramref name="request"/> (what a connection sends, in its order).</summary>
    private static bool IsThrottled(Request request) =>
        request.Kind is RequestKind.Client or RequestKind.Connect or RequestKind.ConnectionClosed;

    /// <summary>
    /// Undoes what submitting <paramref name="request"/> counted, for a request the throttler drops before the
    /// processor sees it: the outstanding counts the processor gives back when it takes a request, and large-request
    /// bytes.
    /// </summary>
    private void DropUnprocessed(Request request)
    {
        if (request.Kind == RequestKind.Client)
        {
            Interlocked.Decrement(ref Stats.Outstanding);
            request.Cnxn?.OnRequestTaken();
        }
        if (request.LargeRequestLength > 0)
        {
            Options.LargeRequests?.Release(request.LargeRequestLength);
        }
    }
}
