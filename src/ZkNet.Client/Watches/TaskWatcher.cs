using ZkNet.Client.Exceptions;
using ZkNet.Protocol;

namespace ZkNet.Client.Watches;

/// <summary>
/// A one-shot watcher as a task: <see cref="Triggered"/> completes with the first node event. Connection state
/// changes that leave the watch in place (Disconnected, SyncConnected) are ignored; ones that end it fail the task:
/// Expired with <see cref="SessionExpiredException"/>, Closed with <see cref="ObjectDisposedException"/>,
/// AuthFailed with <see cref="AuthFailedException"/>.
/// </summary>
public sealed class TaskWatcher : IWatcher
{
    private readonly TaskCompletionSource<WatchedEvent> _triggered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the first node event this watcher receives.</summary>
    public Task<WatchedEvent> Triggered => _triggered.Task;

    /// <inheritdoc />
    public ValueTask ProcessAsync(WatchedEvent watchedEvent)
    {
        ArgumentNullException.ThrowIfNull(watchedEvent);
        if (!watchedEvent.IsStateChange)
        {
            _triggered.TrySetResult(watchedEvent);
        }
        else if (watchedEvent.State == KeeperState.Expired)
        {
            _triggered.TrySetException(new SessionExpiredException());
        }
        else if (watchedEvent.State == KeeperState.AuthFailed)
        {
            _triggered.TrySetException(new AuthFailedException());
        }
        else if (watchedEvent.State == KeeperState.Closed)
        {
            _triggered.TrySetException(new ObjectDisposedException(nameof(ZooKeeperClient)));
        }
        return ValueTask.CompletedTask;
    }
}
