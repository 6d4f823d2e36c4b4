using Microsoft.Extensions.Logging;
using ZkNet.Server.Pipeline;

namespace ZkNet.Server.Throttling;

/// <summary>
/// Stopping, as ZooKeeper's RequestThrottler.shutdown does: no new requests are taken, those waiting get up to
/// request_throttler.shutdownTimeout to drain into the pipeline (which still runs), and whatever is left then is
/// dropped, its connections marked invalid.
/// </summary>
public sealed partial class RequestThrottler
{
    private int _shutdown;

    /// <summary>
    /// Stops taking requests, lets the waiting ones drain for at most the shutdown timeout, then drops the rest (the
    /// server does this first when it stops, while its processor still runs).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
        {
            return;
        }
        // Later submissions fail with ChannelClosedException, as they do once the processor's own queue is closed.
        _submitted.Writer.TryComplete();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(TimeSpan.FromMilliseconds(Math.Max(0, _settings.ShutdownTimeoutMs)), _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogShutdownTimedOut(_settings.ShutdownTimeoutMs, Waiting);
            }
        }
        _killed = true;
        await _stop.CancelAsync().ConfigureAwait(false);
        _signal.Wake();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        var dropped = 0;
        while (_submitted.Reader.TryRead(out var request))
        {
            if (request.Kind == RequestKind.ConnectionClosed)
            {
                // Best effort: the processor may still be taking requests, and a close it handles ends the connection.
                _next.TryWrite(request);
                continue;
            }
            dropped++;
            request.Cnxn!.ThrottleInvalid = true;
            _dropUnprocessed(request);
        }
        _signal.Dispose();
        _stop.Dispose();
        if (dropped > 0)
        {
            LogShutdownDropped(dropped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request throttler did not drain within {TimeoutMs} ms ({Waiting} requests waiting); dropping them")]
    private partial void LogShutdownTimedOut(int timeoutMs, int waiting);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request throttler stopped; dropped {Count} requests")]
    private partial void LogShutdownDropped(int count);
}
