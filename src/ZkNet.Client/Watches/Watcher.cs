namespace ZkNet.Client.Watches;

/// <summary>Builds <see cref="IWatcher"/>s from delegates.</summary>
public static class Watcher
{
    /// <summary>A watcher that runs <paramref name="callback"/> for each event.</summary>
    public static IWatcher Create(Action<WatchedEvent> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new SyncWatcher(callback);
    }

    /// <summary>A watcher that runs and awaits <paramref name="callback"/> for each event.</summary>
    public static IWatcher Create(Func<WatchedEvent, ValueTask> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new AsyncWatcher(callback);
    }

    private sealed class SyncWatcher(Action<WatchedEvent> callback) : IWatcher
    {
        public ValueTask ProcessAsync(WatchedEvent watchedEvent)
        {
            callback(watchedEvent);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class AsyncWatcher(Func<WatchedEvent, ValueTask> callback) : IWatcher
    {
        public ValueTask ProcessAsync(WatchedEvent watchedEvent) => callback(watchedEvent);
    }
}
