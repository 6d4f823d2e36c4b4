using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkNet.Client.Watches;

namespace ZkNet.Client.Internal;

/// <summary>
/// Delivers watch events and state changes to watchers, one at a time and in the order they were posted, on a
/// task of its own: the socket reader only posts, so a slow or throwing callback delays later events but never a
/// reply (DESIGN.md §5; ZooKeeper's EventThread plays the same part).
/// </summary>
internal sealed class EventDispatcher
{
    private readonly Channel<(WatchedEvent Event, IReadOnlyList<IWatcher> Watchers)> _queue =
        Channel.CreateUnbounded<(WatchedEvent, IReadOnlyList<IWatcher>)>(new UnboundedChannelOptions
        {
            SingleReader = true,
            AllowSynchronousContinuations = false,
        });
    private readonly ILogger _logger;
    private readonly Task _loop;

    /// <summary>Starts the dispatcher.</summary>
    public EventDispatcher(ILogger logger)
    {
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once every posted event has been delivered after <see cref="Complete"/>.</summary>
    public Task Completion => _loop;

    /// <summary>Queues an event for its watchers; ignored after <see cref="Complete"/>.</summary>
    public void Post(WatchedEvent watchedEvent, IReadOnlyList<IWatcher> watchers)
    {
        if (watchers.Count > 0)
        {
            _queue.Writer.TryWrite((watchedEvent, watchers));
        }
    }

    /// <summary>Accepts no more events; those already queued are still delivered.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        await foreach (var (watchedEvent, watchers) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var watcher in watchers)
            {
                try
                {
                    await watcher.ProcessAsync(watchedEvent).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.WatcherFailed(_logger, watchedEvent.Type, watchedEvent.State, watchedEvent.Path, e);
                }
            }
        }
    }
}
