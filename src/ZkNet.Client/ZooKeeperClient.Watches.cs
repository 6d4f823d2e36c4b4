using ZkNet.Client.Exceptions;
using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// Adds a watch that stays after it fires (ZooKeeper's addWatch). <see cref="AddWatchMode.Persistent"/> reports
    /// data changes, creation and deletion of the node and changes to its children list;
    /// <see cref="AddWatchMode.PersistentRecursive"/> reports creation, deletion and data changes of the node and
    /// every descendant (never child-list events). It lasts until removed, the session ends, or the client closes,
    /// and is re-armed after a reconnect.
    /// </summary>
    public Task AddWatchAsync(string path, IWatcher watcher, AddWatchMode mode, CancellationToken cancellationToken = default)
    {
        PathValidation.Validate(path);
        ArgumentNullException.ThrowIfNull(watcher);
        var kind = mode switch
        {
            AddWatchMode.Persistent => WatchKind.Persistent,
            AddWatchMode.PersistentRecursive => WatchKind.PersistentRecursive,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown watch mode"),
        };
        var packet = new Packet<bool>(OpCode.AddWatch, new AddWatchRequest(ServerPath(path), (int)mode), path, null)
        {
            Hook = new WatchRegistration(_watches, kind, path, watcher),
        };
        return SubmitAsync(packet, cancellationToken);
    }

    /// <summary>
    /// Removes one watcher of the given type from the path; it then receives a DataWatchRemoved,
    /// ChildWatchRemoved or PersistentWatchRemoved event. With <paramref name="local"/>, only the client's record
    /// is removed, without asking the server (useful while disconnected); the server-side watch then fires into nothing.
    /// When no watcher is left on the path the server's watches on it are removed too; otherwise the server is
    /// only asked to confirm it holds a watch (checkWatches), as ZooKeeper's client does.
    /// </summary>
    /// <exception cref="NoWatcherException">The watcher is not registered on the path with that type.</exception>
    public Task RemoveWatchesAsync(string path, IWatcher watcher, WatcherType type, bool local = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return RemoveWatchesCoreAsync(path, watcher, type, local, cancellationToken);
    }

    /// <summary>
    /// Removes every watcher of the given type from the path, on the client and the server (ZooKeeper's
    /// removeAllWatches); each receives its removal event. <paramref name="local"/> as for <see cref="RemoveWatchesAsync"/>.
    /// </summary>
    /// <exception cref="NoWatcherException">No watcher of that type is registered on the path.</exception>
    public Task RemoveAllWatchesAsync(string path, WatcherType type, bool local = false, CancellationToken cancellationToken = default) =>
        RemoveWatchesCoreAsync(path, null, type, local, cancellationToken);

    private Task RemoveWatchesCoreAsync(string path, IWatcher? watcher, WatcherType type, bool local, CancellationToken cancellationToken)
    {
        PathValidation.Validate(path);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "unknown watcher type");
        }
        if (!_watches.Contains(path, watcher, type))
        {
            return Task.FromException(new NoWatcherException(path));
        }
        var deregistration = new WatchDeregistration(_watches, _dispatcher, path, watcher, type);
        if (local)
        {
            deregistration.RemoveNow();
            return Task.CompletedTask;
        }
        Packet<bool> packet;
        if (watcher is null)
        {
            packet = new Packet<bool>(OpCode.RemoveWatches, new RemoveWatchesRequest(ServerPath(path), (int)type), path, null)
            {
                Hook = deregistration,
            };
        }
        else if (_watches.IsLastOnPath(path, watcher, type))
        {
            // The server keeps one watch per connection and path whatever the number of local watchers, so it can
            // only be removed once nothing local needs it; then every kind goes.
            packet = new Packet<bool>(OpCode.RemoveWatches, new RemoveWatchesRequest(ServerPath(path), (int)WatcherType.Any), path, null)
            {
                Hook = deregistration,
            };
        }
        else
        {
            packet = new Packet<bool>(OpCode.CheckWatches, new CheckWatchesRequest(ServerPath(path), (int)type), path, null)
            {
                Hook = deregistration,
            };
        }
        return SubmitAsync(packet, cancellationToken);
    }
}
