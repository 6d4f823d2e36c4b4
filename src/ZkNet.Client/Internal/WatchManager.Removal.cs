using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

internal sealed partial class WatchManager
{
    /// <summary>Whether <paramref name="watcher"/> (or, when null, any watcher) of <paramref name="type"/> waits on the path.</summary>
    public bool Contains(string clientPath, IWatcher? watcher, WatcherType type)
    {
        lock (_gate)
        {
            foreach (var kind in KindsOf(type))
            {
                if (_tables[(int)kind].TryGetValue(clientPath, out var set) && (watcher is null ? set.Count > 0 : set.Contains(watcher)))
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Whether removing <paramref name="watcher"/> from the tables of <paramref name="type"/> leaves no watcher
    /// of any kind on the path (so the server's watches on it can go too).</summary>
    public bool IsLastOnPath(string clientPath, IWatcher watcher, WatcherType type)
    {
        lock (_gate)
        {
            var kinds = KindsOf(type);
            for (var kind = 0; kind < _tables.Length; kind++)
            {
                if (!_tables[kind].TryGetValue(clientPath, out var set))
                {
                    continue;
                }
                var removable = kinds.Contains((WatchKind)kind) && set.Contains(watcher) ? 1 : 0;
                if (set.Count > removable)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>
    /// Takes <paramref name="watcher"/> (or every watcher when null) out of the tables <paramref name="type"/>
    /// covers, returning each removed watcher with the removal event it is owed (DataWatchRemoved,
    /// ChildWatchRemoved or PersistentWatchRemoved), once per event type.
    /// </summary>
    public List<(IWatcher Watcher, EventType Removed)> Remove(string clientPath, IWatcher? watcher, WatcherType type)
    {
        var removed = new List<(IWatcher, EventType)>();
        var seen = new HashSet<(IWatcher, EventType)>();
        lock (_gate)
        {
            foreach (var kind in KindsOf(type))
            {
                var table = _tables[(int)kind];
                if (!table.TryGetValue(clientPath, out var set))
                {
                    continue;
                }
                var eventType = RemovalEvent(kind);
                if (watcher is null)
                {
                    foreach (var w in set)
                    {
                        if (seen.Add((w, eventType)))
                        {
                            removed.Add((w, eventType));
                        }
                    }
                    table.Remove(clientPath);
                }
                else if (set.Remove(watcher))
                {
                    if (seen.Add((watcher, eventType)))
                    {
                        removed.Add((watcher, eventType));
                    }
                    if (set.Count == 0)
                    {
                        table.Remove(clientPath);
                    }
                }
            }
        }
        return removed;
    }

    private static WatchKind[] KindsOf(WatcherType type) => type switch
    {
        WatcherType.Children => [WatchKind.Child],
        WatcherType.Data => [WatchKind.Data, WatchKind.Exist],
        WatcherType.Persistent => [WatchKind.Persistent],
        WatcherType.PersistentRecursive => [WatchKind.PersistentRecursive],
        _ => [WatchKind.Child, WatchKind.Data, WatchKind.Exist, WatchKind.Persistent, WatchKind.PersistentRecursive],
    };

    private static EventType RemovalEvent(WatchKind kind) => kind switch
    {
        WatchKind.Child => EventType.ChildWatchRemoved,
        WatchKind.Data or WatchKind.Exist => EventType.DataWatchRemoved,
        _ => EventType.PersistentWatchRemoved,
    };
}
