using System.Net;
using System.Net.Security;
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
/// address it is reached at or dials from.
/// </summary>
internal static partial class QuorumTlsContext
{
    /// <summary>The transports' TLS, or null when neither sslQuorum nor portUnification is on.</summary>
    /// <exception cref="StartupException">A store or setting is unusable; the message names it and the fix.</exception>
    public static QuorumTls? Load(ServerConfig config, ILogger logger)
    {
        var settings = config.QuorumTls;
        if (!settings.Enabled)
        {
            return null;
        }
        var (certificate, chain) = CertificateStores.LoadKeyStore(config.QuorumKeyStore, "ssl.quorum.keyStore");
        // Without a trust store ZooKeeper falls back to the JVM's CA certificates; the system store does the same here.
        var trust = config.QuorumTrustStore.Location is null ? [] : CertificateStores.LoadTrustStore(config.QuorumTrustStore, "ssl.quorum.trustStore");
        var mine = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        var protocols = TlsProtocols.Parse(settings.Protocol, settings.EnabledProtocols);
        var ciphers = TlsProtocols.Ciphers(settings.CipherSuites, "ssl.quorum.ciphersuites");
        LogQuorumTls(logger, settings.SslQuorum, settings.PortUnification, certificate.Subject, settings.ClientAuth.ToString().ToLowerInvariant(),
            settings.HostnameVerification);

        bool Accepts(X509Certificate? presented, IPAddress peer)
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
            ServerOptions = remote => TlsProtocols.ServerOptions(mine, settings.ClientAuth, protocols, ciphers, (_, presented, _, _) =>
                presented is null ? settings.ClientAuth != ClientAuthMode.Need : Accepts(presented, remote.Address)),
            ClientOptions = remote => new SslClientAuthenticationOptions
            {
                // An address, not a name: no SNI is sent, and the peer's certificate is checked against the address.
                TargetHost = remote.Address.ToString(),
                ClientCertificateContext = mine,
                EnabledSslProtocols = protocols,
                CipherSuitesPolicy = ciphers,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, presented, _, _) => Accepts(presented, remote.Address),
            },
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quorum TLS: sslQuorum={SslQuorum}, portUnification={PortUnification}, certificate {Subject}, ssl.quorum.clientAuth={ClientAuth}, hostnameVerification={HostnameVerification}")]
    private static partial void LogQuorumTls(ILogger logger, bool sslQuorum, bool portUnification, string subject, string clientAuth, bool hostnameVerification);
}
