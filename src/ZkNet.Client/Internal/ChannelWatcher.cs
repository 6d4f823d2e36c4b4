using System.Threading.Channels;
using ZkNet.Client.Watches;

namespace ZkNet.Client.Internal;

/// <summary>
/// A watcher that queues what it receives for an async stream. The dispatcher writes (never blocking: the queue is
/// unbounded) and the stream's consumer reads, so a slow consumer holds up neither replies nor other watchers.
/// </summary>
internal sealed class ChannelWatcher : IWatcher
{
    private readonly Channel<WatchedEvent> _events = Channel.CreateUnbounded<WatchedEvent>(new UnboundedChannelOptions
    {
        SingleReader = true,
        SingleWriter = true,
    });

    /// <summary>The queued events.</summary>
    public ChannelReader<WatchedEvent> Reader => _events.Reader;

    /// <summary>Ends the stream, with <paramref name="error"/> if given.</summary>
    public void Complete(Exception? error = null) => _events.Writer.TryComplete(error);

    /// <inheritdoc />
    public ValueTask ProcessAsync(WatchedEvent watchedEvent)
    {
        _events.Writer.TryWrite(watchedEvent);
        return ValueTask.CompletedTask;
    }
}
