using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Watches;

/// <summary>
/// The watches of one kind (data or child) across every path, as ZooKeeper's WatchManager keeps them: path to
/// watchers with a mode each, and watcher to paths so that a closing connection drops all of its watches at once.
/// Triggering walks up the parents only while recursive watches exist anywhere. Processor thread only.
/// </summary>
public sealed class WatchManager
{
    private readonly Dictionary<string, Dictionary<IWatcher, WatcherMode>> _watchTable = new(StringComparer.Ordinal);
    private readonly Dictionary<IWatcher, HashSet<string>> _watchToPaths = [];
    private int _recursiveCount;

    /// <summary>Number of (path, watcher) pairs.</summary>
    public int Count { get; private set; }

    /// <summary>Number of watchers (connections) holding at least one watch.</summary>
    public int WatcherCount => _watchToPaths.Count;

    /// <summary>Number of paths watched.</summary>
    public int PathCount => _watchTable.Count;

    /// <summary>
    /// Adds a watch. A persistent mode replaces a standard watch on the same path; a standard watch does not
    /// downgrade a persistent one.
    /// </summary>
    public void AddWatch(string path, IWatcher watcher, WatcherMode mode)
    {
        if (!_watchTable.TryGetValue(path, out var watchers))
        {
            watchers = [];
            _watchTable[path] = watchers;
        }
        if (watchers.TryGetValue(watcher, out var existing))
        {
            if (existing == mode || mode == WatcherMode.Standard)
            {
                return;
            }
            if (existing == WatcherMode.PersistentRecursive)
            {
                _recursiveCount--;
            }
        }
        else
        {
            Count++;
            if (!_watchToPaths.TryGetValue(watcher, out var paths))
            {
                paths = new HashSet<string>(StringComparer.Ordinal);
                _watchToPaths[watcher] = paths;
            }
            paths.Add(path);
        }
        watchers[watcher] = mode;
        if (mode == WatcherMode.PersistentRecursive)
        {
            _recursiveCount++;
        }
    }

    /// <summary>
    /// Fires the watches for a change of <paramref name="type"/> at <paramref name="path"/>, skipping watchers in
    /// <paramref name="suppress"/>; one-shot watches are removed. With <paramref name="acl"/> (the ACL of the node
    /// the event names, or of the parent for NodeChildrenChanged) each watcher gets the event only if it may read
    /// that node; a watch whose event was withheld is consumed all the same, as in ZooKeeper. Returns the watchers
    /// that matched (delivered, withheld or suppressed), or null when none did, so a caller can suppress duplicates
    /// in a second manager.
    /// </summary>
    public HashSet<IWatcher>? TriggerWatch(string path, EventType type, long zxid, IReadOnlyList<Acl>? acl = null,
        HashSet<IWatcher>? suppress = null)
    {
        HashSet<IWatcher>? matched = null;
        var current = path;
        var atParent = false;
        while (true)
        {
            if (_watchTable.TryGetValue(current, out var watchers))
            {
                List<IWatcher>? fired = null;
                foreach (var (watcher, mode) in watchers)
                {
                    if (mode == WatcherMode.PersistentRecursive)
                    {
                        if (type != EventType.NodeChildrenChanged)
                        {
                            (matched ??= []).Add(watcher);
                        }
                    }
                    else if (!atParent)
                    {
                        (matched ??= []).Add(watcher);
                        if (mode == WatcherMode.Standard)
                        {
                            (fired ??= []).Add(watcher);
                        }
                    }
                }
                if (fired is not null)
                {
                    foreach (var watcher in fired)
                    {
                        RemoveOne(current, watcher, watchers);
                    }
                }
            }
            if (_recursiveCount == 0 || current.Length == 1)
            {
                break;
            }
            current = PathUtils.Parent(current);
            atParent = true;
        }
        if (matched is null)
        {
            return null;
        }
        foreach (var watcher in matched)
        {
            if (suppress is not null && suppress.Contains(watcher))
            {
                continue;
            }
            if (acl is null)
            {
                watcher.Process(type, path, zxid);
            }
            else
            {
                watcher.Process(type, path, zxid, acl);
            }
        }
        return matched;
    }

    /// <summary>Whether <paramref name="watcher"/> watches <paramref name="path"/> (any mode when null).</summary>
    public bool ContainsWatcher(string path, IWatcher watcher, WatcherMode? mode = null) =>
        _watchTable.TryGetValue(path, out var watchers) && watchers.TryGetValue(watcher, out var actual) &&
        (mode is null || actual == mode);

    /// <summary>
    /// Removes <paramref name="watcher"/>'s watch on <paramref name="path"/>: one of <paramref name="mode"/>, or any
    /// mode when null. Returns whether one was removed.
    /// </summary>
    public bool RemoveWatcher(string path, IWatcher watcher, WatcherMode? mode = null)
    {
        if (!_watchTable.TryGetValue(path, out var watchers) || !watchers.TryGetValue(watcher, out var actual) ||
            (mode is not null && actual != mode))
        {
            return false;
        }
        RemoveOne(path, watcher, watchers);
        return true;
    }

    /// <summary>Drops every watch of a closing connection.</summary>
    public void RemoveWatcher(IWatcher watcher)
    {
        if (!_watchToPaths.Remove(watcher, out var paths))
        {
            return;
        }
        foreach (var path in paths)
        {
            if (_watchTable.TryGetValue(path, out var watchers) && watchers.Remove(watcher, out var mode))
            {
                Count--;
                if (mode == WatcherMode.PersistentRecursive)
                {
                    _recursiveCount--;
                }
                if (watchers.Count == 0)
                {
                    _watchTable.Remove(path);
                }
            }
        }
    }

    /// <summary>Paths watched by each watcher (for the wchc four-letter word).</summary>
    public IEnumerable<(IWatcher Watcher, IReadOnlyCollection<string> Paths)> ByWatcher() =>
        _watchToPaths.Select(kv => (kv.Key, (IReadOnlyCollection<string>)kv.Value));

    /// <summary>Watchers of each path (for the wchp four-letter word).</summary>
    public IEnumerable<(string Path, IReadOnlyCollection<IWatcher> Watchers)> ByPath() =>
        _watchTable.Select(kv => (kv.Key, (IReadOnlyCollection<IWatcher>)kv.Value.Keys));

    /// <summary>Paths watched by one watcher, with their modes (setWatches after a reconnect is the client's job; this is for tests and dumps).</summary>
    public IEnumerable<(string Path, WatcherMode Mode)> PathsOf(IWatcher watcher)
    {
        if (!_watchToPaths.TryGetValue(watcher, out var paths))
        {
            yield break;
        }
        foreach (var path in paths)
        {
            if (_watchTable.TryGetValue(path, out var watchers) && watchers.TryGetValue(watcher, out var mode))
            {
                yield return (path, mode);
            }
        }
    }

    private void RemoveOne(string path, IWatcher watcher, Dictionary<IWatcher, WatcherMode> watchers)
    {
        if (!watchers.Remove(watcher, out var mode))
        {
            return;
        }
        Count--;
        if (mode == WatcherMode.PersistentRecursive)
        {
            _recursiveCount--;
        }
        if (watchers.Count == 0)
        {
            _watchTable.Remove(path);
        }
        if (_watchToPaths.TryGetValue(watcher, out var paths))
        {
            paths.Remove(path);
            if (paths.Count == 0)
            {
                _watchToPaths.Remove(watcher);
            }
        }
    }
}
