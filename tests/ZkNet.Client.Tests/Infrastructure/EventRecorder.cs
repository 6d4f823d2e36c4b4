using System.Threading.Channels;
using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>A watcher that records every event it receives, for tests to await in order.</summary>
public sealed class EventRecorder : IWatcher
{
    private readonly Channel<WatchedEvent> _events = Channel.CreateUnbounded<WatchedEvent>();
    private readonly List<WatchedEvent> _all = [];

    /// <summary>Every event received so far.</summary>
    public IReadOnlyList<WatchedEvent> All
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask ProcessAsync(WatchedEvent watchedEvent)
    {
        lock (_all)
        {
            _all.Add(watchedEvent);
        }
        _events.Writer.TryWrite(watchedEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>The next event not yet taken, waiting at most <paramref name="timeout"/>.</summary>
    public async Task<WatchedEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Waits.Timeout);
        try
        {
            return await _events.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no event; seen so far: " + string.Join(", ", All));
        }
    }

    /// <summary>Skips events until one matches, waiting at most <paramref name="timeout"/> in all.</summary>
    public async Task<WatchedEvent> NextMatchingAsync(Func<WatchedEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Waits.Timeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var next = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            if (predicate(next))
            {
                return next;
            }
        }
    }

    /// <summary>Waits for the next node event (skipping state changes).</summary>
    public Task<WatchedEvent> NextNodeEventAsync(TimeSpan? timeout = null) => NextMatchingAsync(e => !e.IsStateChange, timeout);

    /// <summary>Waits for a state change to <paramref name="state"/>.</summary>
    public Task<WatchedEvent> StateAsync(KeeperState state, TimeSpan? timeout = null) =>
        NextMatchingAsync(e => e.IsStateChange && e.State == state, timeout);

    /// <summary>Whether an event is already waiting (without waiting).</summary>
    public bool TryPeek(out WatchedEvent? watchedEvent) => _events.Reader.TryPeek(out watchedEvent);
}
