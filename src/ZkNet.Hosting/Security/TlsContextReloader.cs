using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Security;

/// <summary>
/// client.certReload: when the key store, the trust store or their password files change (<see cref="StoreFilesWatcher"/>),
/// loads them all again and puts the new TLS context in place for the connections accepted from then on, as
/// ZooKeeper's X509Util does (zookeeper.client.certReload). A store that cannot be read (a copy still in progress, a
/// wrong password) is logged and the previous context stays in use, so a botched rotation never takes the secure port
/// down.
/// </summary>
internal sealed partial class TlsContextReloader : IDisposable
{
    private readonly TlsSettings _settings;
    private readonly ILogger _logger;
    private readonly StoreFilesWatcher _watcher;
    private TlsServerContext _current;

    public TlsContextReloader(TlsServerContext initial, ILogger logger, TimeProvider time)
    {
        _current = initial;
        _settings = initial.Settings;
        _logger = logger;
        _watcher = new StoreFilesWatcher(
            [_settings.KeyStore.Location, _settings.KeyStore.PasswordPath, _settings.TrustStore.Location, _settings.TrustStore.PasswordPath],
            Reload, time);
    }

    /// <summary>The context new connections handshake with.</summary>
    public TlsServerContext Current => Volatile.Read(ref _current);

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

    public void Dispose() => _watcher.Dispose();

    [LoggerMessage(Level = LogLevel.Information, EventName = "TlsStoresReloaded",
        Message = "Reloaded the TLS key store {KeyStore} and trust store {TrustStore} (client.certReload); new connections use them")]
    private partial void LogReloaded(string? keyStore, string trustStore);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "TlsStoresReloadFailed",
        Message = "Could not reload the TLS stores after a change, keeping the ones in use: {Reason}")]
    private partial void LogReloadFailed(string reason);
}
