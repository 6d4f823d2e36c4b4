using System.Threading.Channels;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Cache;

/// <summary>
/// A local copy of a node and its descendants down to <see cref="MaxDepth"/> (Curator's CuratorCache; with depth 0
/// its NodeCache, with depth 1 its PathChildrenCache), kept current by watches: one persistent recursive watch where
/// the server has them (ZooKeeper 3.6+, ZkNet), one-shot data and child watches per node otherwise. Listeners hear
/// Created, Changed and Deleted in order, and Initialized once the first load is complete. Changes missed while
/// disconnected are found by reloading the whole tree on reconnect and comparing, so the copy is right again after
/// every reconnect.
/// </summary>
public sealed class TreeCache : IAsyncDisposable, IWatcher
{
    private readonly IZooKeeperClient _client;
    private readonly Dictionary<string, DataResult> _nodes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<CacheEvent> _events = Channel.CreateUnbounded<CacheEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Func<CacheEvent, ValueTask>> _listeners = [];
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _connectionListener;
    private Task? _workLoop;
    private Task? _eventLoop;
    private bool _recursiveWatch;

    /// <summary>Creates a cache of <paramref name="path"/>; nothing is read until <see cref="StartAsync"/>.</summary>
    /// <param name="client">The session to read with.</param>
    /// <param name="path">The root of the cached tree (it need not exist).</param>
    /// <param name="maxDepth">How deep below the root to cache: 0 the root only, 1 its children too; default: everything.</param>
    public TreeCache(IZooKeeperClient client, string path, int maxDepth = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        _client = client;
        RootPath = ZkPaths.Validate(path, nameof(path));
        MaxDepth = maxDepth;
    }

    /// <summary>The root of the cached tree.</summary>
    public string RootPath { get; }

    /// <summary>How deep below the root the cache goes.</summary>
    public int MaxDepth { get; }

    /// <summary>Whether the cache uses a persistent recursive watch (false: one-shot watches per node).</summary>
    public bool UsesRecursiveWatch => _recursiveWatch;

    /// <summary>Calls <paramref name="listener"/> for every later event, one at a time, in order.</summary>
    public IDisposable AddListener(Func<CacheEvent, ValueTask> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_gate)
        {
            _listeners.Add(listener);
        }
        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _listeners.Remove(listener);
            }
        });
    }

    /// <summary>The cached data of <paramref name="path"/>, or null when it is not in the cache.</summary>
    public DataResult? Get(string path)
    {
        lock (_gate)
        {
            return _nodes.GetValueOrDefault(path);
        }
    }

    /// <summary>Every cached path and its data.</summary>
    public IReadOnlyDictionary<string, DataResult> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, DataResult>(_nodes, StringComparer.Ordinal);
        }
    }

    /// <summary>The cached children names of <paramref name="path"/>.</summary>
    public IReadOnlyList<string> GetChildren(string path)
    {
        var prefix = path == "/" ? "/" : path + "/";
        lock (_gate)
        {
            return _nodes.Keys.Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && p.Length > prefix.Length
                && p.IndexOf('/', prefix.Length) < 0).Select(p => p[prefix.Length..]).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Sets the watches, loads the tree and returns once the initial load is in the cache (Initialized is then reported).</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (MaxDepth > 0)
        {
            try
            {
                await _client.AddWatchAsync(RootPath, this, AddWatchMode.PersistentRecursive, cancellationToken).ConfigureAwait(false);
                _recursiveWatch = true;
            }
            catch (UnimplementedException)
            {
                // ZooKeeper before 3.6: one-shot watches per node.
            }
        }
        _connectionListener = _client.AddConnectionStateListener(state =>
        {
            if (state == ConnectionState.Reconnected)
            {
                Enqueue(() => RefreshAsync(RootPath, recurse: true));
            }
            return ValueTask.CompletedTask;
        });
        _eventLoop = Task.Run(DeliverAsync, CancellationToken.None);
        _workLoop = Task.Run(WorkAsync, CancellationToken.None);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(async () =>
        {
            try
            {
                await RefreshAsync(RootPath, recurse: true).ConfigureAwait(false);
                _events.Writer.TryWrite(new CacheEvent(CacheEventType.Initialized, null, null));
                loaded.TrySetResult();
            }
            catch (Exception e)
            {
                loaded.TrySetException(e);
            }
        });
        await loaded.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops watching and listening.</summary>
    public async ValueTask DisposeAsync()
    {
        _connectionListener?.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        _events.Writer.TryComplete();
        if (_recursiveWatch)
        {
            try
            {
                await _client.RemoveWatchesAsync(RootPath, this, WatcherType.Any).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KeeperException or ObjectDisposedException)
            {
                // Disconnected or closed: the watch goes with the session.
            }
        }
        foreach (var loop in new[] { _workLoop, _eventLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(false);
            }
        }
        _stop.Dispose();
    }

    /// <inheritdoc />
    ValueTask IWatcher.ProcessAsync(WatchedEvent watchedEvent)
    {
        if (watchedEvent.IsStateChange || watchedEvent.Path is not { } path || Depth(path) is < 0 || Depth(path) > MaxDepth)
        {
            return ValueTask.CompletedTask;
        }
        switch (watchedEvent.Type)
        {
            case EventType.NodeDeleted:
                Enqueue(() =>
                {
                    Remove(path);
                    return Task.CompletedTask;
                });
                break;
            case EventType.NodeCreated:
                Enqueue(() => RefreshAsync(path, recurse: true));
                break;
            case EventType.NodeDataChanged:
                Enqueue(() => RefreshAsync(path, recurse: false));
                break;
            case EventType.NodeChildrenChanged:
                Enqueue(() => RefreshAsync(path, recurse: true));
                break;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads <paramref name="path"/> (and, with <paramref name="recurse"/>, its subtree) and reports what differs from the cache.</summary>
    private async Task RefreshAsync(string path, bool recurse)
    {
        var oneShot = !_recursiveWatch;
        var data = await _client.TryGetDataAsync(path, oneShot ? this : null).ConfigureAwait(false);
        if (data is null)
        {
            if (oneShot)
            {
                // Watch for the node to appear (a root that does not exist yet, or a child created later).
                await _client.ExistsAsync(path, this).ConfigureAwait(false);
            }
            Remove(path);
            return;
        }
        Put(path, data);
        if (!recurse || Depth(path) >= MaxDepth)
        {
            return;
        }
        IReadOnlyList<string> children;
        try
        {
            children = await _client.GetChildrenAsync(path, oneShot ? this : null).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            Remove(path);
            return;
        }
        var current = children.Select(c => ZkPaths.MakePath(path, c)).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in GetChildren(path).Select(c => ZkPaths.MakePath(path, c)).Where(p => !current.Contains(p)))
        {
            Remove(gone);
        }
        foreach (var child in current.Order(StringComparer.Ordinal))
        {
            await RefreshAsync(child, recurse: true).ConfigureAwait(false);
        }
    }

    private void Put(string path, DataResult data)
    {
        CacheEventType? type;
        lock (_gate)
        {
            var had = _nodes.TryGetValue(path, out var old);
            type = !had ? CacheEventType.Created
                : old!.Stat.Mzxid != data.Stat.Mzxid || old.Stat.Version != data.Stat.Version ? CacheEventType.Changed
                : null;
            _nodes[path] = data;
        }
        if (type is { } t)
        {
            _events.Writer.TryWrite(new CacheEvent(t, path, data));
        }
    }

    private void Remove(string path)
    {
        var prefix = path == "/" ? "/" : path + "/";
        List<KeyValuePair<string, DataResult>> removed;
        lock (_gate)
        {
            removed = _nodes.Where(n => n.Key == path || n.Key.StartsWith(prefix, StringComparison.Ordinal))
                .OrderByDescending(n => n.Key.Length).ToList();
            foreach (var node in removed)
            {
                _nodes.Remove(node.Key);
            }
        }
        foreach (var node in removed)
        {
            _events.Writer.TryWrite(new CacheEvent(CacheEventType.Deleted, node.Key, node.Value));
        }
    }

    private int Depth(string path)
    {
        if (path == RootPath)
        {
            return 0;
        }
        var prefix = RootPath == "/" ? "/" : RootPath + "/";
        return path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..].Count(c => c == '/') + 1 : -1;
    }

    private void Enqueue(Func<Task> work) => _work.Writer.TryWrite(work);

    private async Task WorkAsync()
    {
        await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await work().ConfigureAwait(false);
            }
            catch (Exception e) when (e is KeeperException or ObjectDisposedException)
            {
                // Disconnected mid-refresh: the reload on reconnect puts things right.
            }
        }
    }

    private async Task DeliverAsync()
    {
        await foreach (var cacheEvent in _events.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Func<CacheEvent, ValueTask>[] listeners;
            lock (_gate)
            {
                listeners = [.. _listeners];
            }
            foreach (var listener in listeners)
            {
                try
                {
                    await listener(cacheEvent).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // One failing listener must not silence the others.
                }
            }
        }
    }
}
