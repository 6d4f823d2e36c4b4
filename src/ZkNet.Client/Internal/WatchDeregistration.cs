using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>
/// Removes watchers from the client's tables once the server has agreed (ZooKeeper's WatchDeregistration), and
/// tells each removed watcher so with a DataWatchRemoved / ChildWatchRemoved / PersistentWatchRemoved event.
/// </summary>
internal sealed class WatchDeregistration(
    WatchManager manager, EventDispatcher dispatcher, string clientPath, IWatcher? watcher, WatcherType type) : IReplyHook
{
    /// <inheritdoc />
    public ErrorCode OnReply(ErrorCode error)
    {
        // NoWatcher from the server while the client still holds the watcher means the server-side watch already
        // fired (its event is on the way) or was never needed; the caller's intent, no more callbacks, still holds.
        if (error != ErrorCode.Ok && !(error == ErrorCode.NoWatcher && manager.Contains(clientPath, watcher, type)))
        {
            return error;
        }
        return RemoveNow() ? ErrorCode.Ok : ErrorCode.NoWatcher;
    }

    /// <summary>Removes the watchers and posts their removal events; false when there was none.</summary>
    public bool RemoveNow()
    {
        var removed = manager.Remove(clientPath, watcher, type);
        foreach (var (w, eventType) in removed)
        {
            dispatcher.Post(new WatchedEvent(eventType, KeeperState.SyncConnected, clientPath), [w]);
        }
        return removed.Count > 0;
    }
}
