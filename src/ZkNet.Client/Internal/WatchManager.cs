using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>
/// The client's watch tables (ZooKeeper's ZKWatchManager): which watchers wait on which client path, and which of
/// them an event triggers. One-shot watches are taken out of their table when they fire; persistent ones stay.
/// Watchers are compared by reference.
/// </summary>
internal sealed partial class WatchManager
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<IWatcher>>[] _tables =
    [
        new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal),
        new(StringComparer.Ordinal), new(StringComparer.Ordinal),
    ];
    private readonly HashSet<IWatcher> _stateListeners = new(ReferenceEqualityComparer.Instance);

    /// <summary>Receives every connection state change (and nothing else), like ZooKeeper's default watcher.</summary>
    public IWatcher? DefaultWatcher { get; set; }

    /// <summary>Adds a watcher to a table.</summary>
    public void Add(WatchKind kind, string clientPath, IWatcher watcher)
    {
        lock (_gate)
        {
            var table = _tables[(int)kind];
            if (!table.TryGetValue(clientPath, out var set))
            {
                set = new HashSet<IWatcher>(ReferenceEqualityComparer.Instance);
                table[clientPath] = set;
            }
            set.Add(watcher);
        }
    }

    /// <summary>Adds or removes a listener that receives connection state changes only.</summary>
    public void SetStateListener(IWatcher listener, bool listening)
    {
        lock (_gate)
        {
            if (listening)
            {
                _stateListeners.Add(listener);
            }
            else
            {
                _stateListeners.Remove(listener);
            }
        }
    }

    /// <summary>
    /// The watchers a node event triggers, taking one-shot watchers out of their tables. Persistent recursive
    /// watches on the path and every ancestor fire too, except for child events, which ZooKeeper never delivers
    /// to a recursive watch.
    /// </summary>
    public List<IWatcher> Materialize(EventType type, string clientPath)
    {
        var result = new List<IWatcher>();
        var seen = new HashSet<IWatcher>(ReferenceEqualityComparer.Instance);
        lock (_gate)
        {
            switch (type)
            {
                case EventType.NodeCreated:
                case EventType.NodeDataChanged:
                    Take(WatchKind.Data, clientPath, result, seen);
                    Take(WatchKind.Exist, clientPath, result, seen);
                    break;
                case EventType.NodeChildrenChanged:
                    Take(WatchKind.Child, clientPath, result, seen);
                    break;
                case EventType.NodeDeleted:
                    Take(WatchKind.Data, clientPath, result, seen);
                    Take(WatchKind.Exist, clientPath, result, seen);
                    Take(WatchKind.Child, clientPath, result, seen);
                    break;
                default:
                    return result;
            }
            AddAll(_tables[(int)WatchKind.Persistent].GetValueOrDefault(clientPath), result, seen);
            if (type != EventType.NodeChildrenChanged && _tables[(int)WatchKind.PersistentRecursive].Count > 0)
            {
                var recursive = _tables[(int)WatchKind.PersistentRecursive];
                for (var path = clientPath; path is not null; path = Parent(path))
                {
                    AddAll(recursive.GetValueOrDefault(path), result, seen);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The watchers a connection state change reaches: the default watcher, the state listeners and, as in
    /// ZooKeeper, every watcher still registered.
    /// </summary>
    public List<IWatcher> MaterializeState()
    {
        var result = new List<IWatcher>();
        var seen = new HashSet<IWatcher>(ReferenceEqualityComparer.Instance);
        lock (_gate)
        {
            if (DefaultWatcher is { } defaultWatcher)
            {
                AddAll([defaultWatcher], result, seen);
            }
            AddAll(_stateListeners, result, seen);
            foreach (var table in _tables)
            {
                foreach (var set in table.Values)
                {
                    AddAll(set, result, seen);
                }
            }
        }
        return result;
    }

    /// <summary>Forgets every watcher (after expiry or close), returning the ones that were registered.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            foreach (var table in _tables)
            {
                table.Clear();
            }
            _stateListeners.Clear();
        }
    }

    /// <summary>The paths of one table, for setWatches after a reconnect.</summary>
    public List<string> Paths(WatchKind kind)
    {
        lock (_gate)
        {
            return [.. _tables[(int)kind].Keys];
        }
    }

    /// <summary>Whether any watch at all is registered.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_gate)
            {
                return _tables.All(t => t.Count == 0);
            }
        }
    }

    private void Take(WatchKind kind, string path, List<IWatcher> result, HashSet<IWatcher> seen)
    {
        if (_tables[(int)kind].Remove(path, out var set))
        {
            AddAll(set, result, seen);
        }
    }

    private static void AddAll(IEnumerable<IWatcher>? watchers, List<IWatcher> result, HashSet<IWatcher> seen)
    {
        if (watchers is null)
        {
            return;
        }
        foreach (var watcher in watchers)
        {
            if (seen.Add(watcher))
            {
                result.Add(watcher);
            }
        }
    }

    private static string? Parent(string path)
    {
        if (path == "/")
        {
            return null;
        }
        var slash = path.LastIndexOf('/');
        return slash == 0 ? "/" : path[..slash];
    }
}
