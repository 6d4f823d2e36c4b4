namespace ZkNet.Hosting.Security;

/// <summary>
/// Watches TLS store files (and their password files) and calls back once they have stopped changing, as ZooKeeper's
/// FileChangeWatcher drives X509Util's reloads. Writing a file raises several change events (truncate, write, close),
/// so the callback waits for a short quiet period after the last one. Kubernetes mounts secrets as symlinks into a
/// "..data" directory that it swaps atomically; a change to a "..name" entry beside a store counts as a change of it.
/// </summary>
internal sealed class StoreFilesWatcher : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _files;
    private readonly ITimer _debounce;

    /// <summary>Watches <paramref name="paths"/> (nulls skipped) and runs <paramref name="changed"/> on a timer thread after each burst of changes.</summary>
    public StoreFilesWatcher(IEnumerable<string?> paths, Action changed, TimeProvider time)
    {
        _debounce = time.CreateTimer(static state => ((Action)state!)(), changed, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _files = [.. paths.OfType<string>().Select(Path.GetFullPath)];
        foreach (var directory in _files.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal))
        {
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (_files.Contains(e.FullPath) || e.Name?.StartsWith("..", StringComparison.Ordinal) == true)
        {
            _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
        _debounce.Dispose();
    }
}
