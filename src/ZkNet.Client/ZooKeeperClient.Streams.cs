using System.Runtime.CompilerServices;
using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    private static readonly TimeSpan StreamCleanupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A persistent (or persistent recursive) watch as an async stream: the watch is added before the first event
    /// is awaited, every event is yielded in order (node events, and connection state changes so the consumer can
    /// tell when it may have missed changes), and the watch is removed when the enumeration stops. The stream ends
    /// after yielding Expired, AuthFailed or Closed.
    /// </summary>
    public async IAsyncEnumerable<WatchedEvent> WatchAsync(string path, AddWatchMode mode,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var watcher = new ChannelWatcher();
        await AddWatchAsync(path, watcher, mode, cancellationToken).ConfigureAwait(false);
        try
        {
            while (await watcher.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (watcher.Reader.TryRead(out var watchedEvent))
                {
                    yield return watchedEvent;
                    if (IsFinal(watchedEvent))
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            if (!IsTerminal && !_closing && _watches.Contains(path, watcher, WatcherType.Any))
            {
                try
                {
                    await RemoveWatchesAsync(path, watcher, WatcherType.Any, local: false, CancellationToken.None)
                        .WaitAsync(StreamCleanupTimeout, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Could not tell the server (disconnected, or slow): at least stop delivering locally.
                    _watches.Remove(path, watcher, WatcherType.Any);
                }
            }
        }
    }

    /// <summary>
    /// Connection state changes as an async stream, from the moment of the call: SyncConnected, Disconnected,
    /// ConnectedReadOnly, and finally Expired, AuthFailed or Closed, after which the stream ends.
    /// </summary>
    public async IAsyncEnumerable<KeeperState> StateChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var listener = new ChannelWatcher();
        _watches.SetStateListener(listener, listening: true);
        try
        {
            while (await listener.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (listener.Reader.TryRead(out var watchedEvent))
                {
                    yield return watchedEvent.State;
                    if (IsFinal(watchedEvent))
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            _watches.SetStateListener(listener, listening: false);
        }
    }

    private static bool IsFinal(WatchedEvent watchedEvent) =>
        watchedEvent.IsStateChange && watchedEvent.State is KeeperState.Expired or KeeperState.AuthFailed or KeeperState.Closed;
}
