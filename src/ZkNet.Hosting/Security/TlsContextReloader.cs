using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Security;

/// <summary>
/// client.certReload: watches the key store, the trust store and their password files, and when one changes loads
/// them all again and puts the new TLS context in place for the connections accepted from then on, as ZooKeeper's
/// X509Util does with its FileChangeWatcher (zookeeper.client.certReload). A store that cannot be read (a copy still
/// in progress, a wrong password) is logged and the previous context stays in use, so a botched rotation never takes
/// the secure port down. Writing a file raises several change events (truncate, write, close), so the reload waits
/// for a short quiet period after the last one. Kubernetes mounts secrets as symlinks into a "..data" directory that
/// it swaps atomically; a change to a "..name" entry beside a store counts as a change of the store.
/// </summary>
internal sealed partial class TlsContextReloader : IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    private readonly TlsSettings _settings;
    private readonly ILogger _logger;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _files;
    private readonly ITimer _debounce;
    private TlsServerContext _current;

    public TlsContextReloader(TlsServerContext initial, ILogger logger, TimeProvider time)
    {
        _current = initial;
        _settings = initial.Settings;
        _logger = logger;
        _debounce = time.CreateTimer(static state => ((TlsContextReloader)state!).Reload(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        string?[] paths = [_settings.KeyStore.Location, _settings.KeyStore.PasswordPath, _settings.TrustStore.Location, _settings.TrustStore.PasswordPath];
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

    /// <summary>The context new connections handshake with.</summary>
    public TlsServerContext Current => Volatile.Read(ref _current);

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (_files.Contains(e.FullPath) || e.Name?.StartsWith("..", StringComparison.Ordinal) == true)
        {
            _debounce.Change(Quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload()
    {
        try
        {
            Volatile.Write(ref _current, TlsServerContext.Load(_settings));
            LogReloaded(_settings.KeyStore.Location, _settings.TrustStore.Location ?? "(the system's CA store)");
        }
        catch (Exception ex) when (ex is StartupException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            LogReloadFailed(ex.Message);
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

    [LoggerMessage(Level = LogLevel.Information, EventName = "TlsStoresReloaded",
        Message = "Reloaded the TLS key store {KeyStore} and trust store {TrustStore} (client.certReload); new connections use them")]
    private partial void LogReloaded(string? keyStore, string trustStore);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "TlsStoresReloadFailed",
        Message = "Could not reload the TLS stores after a change, keeping the ones in use: {Reason}")]
    private partial void LogReloadFailed(string reason);
}
