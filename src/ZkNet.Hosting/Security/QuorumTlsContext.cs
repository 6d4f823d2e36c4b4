using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;
using ZkNet.Quorum.Transport;

namespace ZkNet.Hosting.Security;

/// <summary>
/// Loads an ensemble member's quorum TLS (sslQuorum, portUnification, ssl.quorum.*) at start, before it binds
/// anything, so a missing or unreadable store stops the member with one line naming the key and the file. Every
/// connection between members then authenticates both ends, as ZooKeeper's QuorumX509Util does: each side presents
/// its certificate, which must chain to the other's ssl.quorum.trustStore and, with hostnameVerification, name the
/// address it is reached at or dials from. With sslQuorumReloadCertFiles the stores are loaded again when their files
/// change, and connections opened or accepted from then on use them (open ones keep theirs); a replacement that cannot
/// be read is logged and the stores in use stay.
/// </summary>
internal static partial class QuorumTlsContext
{
    /// <summary>The member's certificate and the CAs its peers must chain to, swapped whole on a reload.</summary>
    private sealed record Stores(SslStreamCertificateContext Mine, X509Certificate2Collection Trust);

    /// <summary>
    /// The transports' TLS, or null when neither sslQuorum nor portUnification is on; <paramref name="reloader"/>
    /// watches the store files under sslQuorumReloadCertFiles (the caller disposes it when the member stops).
    /// </summary>
    /// <exception cref="StartupException">A store or setting is unusable; the message names it and the fix.</exception>
    public static QuorumTls? Load(ServerConfig config, ILogger logger, TimeProvider time, out IDisposable? reloader)
    {
        reloader = null;
        var settings = config.QuorumTls;
        if (!settings.Enabled)
        {
            return null;
        }
        var stores = LoadStores(config);
        var protocols = TlsProtocols.Parse(settings.Protocol, settings.EnabledProtocols);
        var ciphers = TlsProtocols.Ciphers(settings.CipherSuites, "ssl.quorum.ciphersuites");
        LogQuorumTls(logger, settings.SslQuorum, settings.PortUnification, stores.Mine.TargetCertificate.Subject, settings.ClientAuth.ToString().ToLowerInvariant(),
            settings.HostnameVerification, settings.ReloadCertFiles);
        if (settings.ReloadCertFiles)
        {
            reloader = new StoreFilesWatcher(
                [config.QuorumKeyStore.Location, config.QuorumKeyStore.PasswordPath, config.QuorumTrustStore.Location, config.QuorumTrustStore.PasswordPath],
                () =>
                {
                    try
                    {
                        Volatile.Write(ref stores, LoadStores(config));
                        LogReloaded(logger, config.QuorumKeyStore.Location, config.QuorumTrustStore.Location ?? "(the system's CA store)");
                    }
                    catch (Exception ex) when (ex is StartupException or IOException or UnauthorizedAccessException or CryptographicException)
                    {
                        LogReloadFailed(logger, ex.Message);
                    }
                },
                time);
        }

        bool Accepts(X509Certificate? presented, IPAddress peer, X509Certificate2Collection trust)
        {
            // The platform's own verdict (its errors) is against the system store and the name it was given; the
            // configured trust store and ZooKeeper's address check decide instead.
            if (presented is null)
            {
                return false;
            }
            var peerCertificate = presented as X509Certificate2 ?? new X509Certificate2(presented);
            return CertificateTrust.IsTrusted(peerCertificate, trust, settings.RevocationCheck)
                && (!settings.HostnameVerification || ClientCertificateNames.Match(peerCertificate, peer));
        }

        return new QuorumTls
        {
            SslQuorum = settings.SslQuorum,
            PortUnification = settings.PortUnification,
            HandshakeTimeout = TimeSpan.FromMilliseconds(settings.HandshakeDetectionTimeoutMs),
            Logger = logger,
            // Each connection takes the stores in place when it starts, and keeps them for its handshake.
            ServerOptions = remote =>
            {
                var current = Volatile.Read(ref stores);
                return TlsProtocols.ServerOptions(current.Mine, settings.ClientAuth, protocols, ciphers, (_, presented, _, _) =>
                    presented is null ? settings.ClientAuth != ClientAuthMode.Need : Accepts(presented, remote.Address, current.Trust));
            },
            ClientOptions = remote =>
            {
                var current = Volatile.Read(ref stores);
                return new SslClientAuthenticationOptions
                {
                    // An address, not a name: no SNI is sent, and the peer's certificate is checked against the address.
                    TargetHost = remote.Address.ToString(),
                    ClientCertificateContext = current.Mine,
                    EnabledSslProtocols = protocols,
                    CipherSuitesPolicy = ciphers,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, presented, _, _) => Accepts(presented, remote.Address, current.Trust),
                };
            },
        };
    }

    private static Stores LoadStores(ServerConfig config)
    {
        var (certificate, chain) = CertificateStores.LoadKeyStore(config.QuorumKeyStore, "ssl.quorum.keyStore");
        // Without a trust store ZooKeeper falls back to the JVM's CA certificates; the system store does the same here.
        var trust = config.QuorumTrustStore.Location is null ? [] : CertificateStores.LoadTrustStore(config.QuorumTrustStore, "ssl.quorum.trustStore");
        return new Stores(SslStreamCertificateContext.Create(certificate, chain, offline: true), trust);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quorum TLS: sslQuorum={SslQuorum}, portUnification={PortUnification}, certificate {Subject}, ssl.quorum.clientAuth={ClientAuth}, hostnameVerification={HostnameVerification}, sslQuorumReloadCertFiles={Reload}")]
    private static partial void LogQuorumTls(ILogger logger, bool sslQuorum, bool portUnification, string subject, string clientAuth, bool hostnameVerification, bool reload);

    [LoggerMessage(Level = LogLevel.Information, EventName = "QuorumTlsStoresReloaded",
        Message = "Reloaded the quorum TLS key store {KeyStore} and trust store {TrustStore} (sslQuorumReloadCertFiles); new member connections use them")]
    private static partial void LogReloaded(ILogger logger, string? keyStore, string trustStore);

    [LoggerMessage(Level = LogLevel.Warning, EventName = "QuorumTlsStoresReloadFailed",
        Message = "Could not reload the quorum TLS stores after a change, keeping the ones in use: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
