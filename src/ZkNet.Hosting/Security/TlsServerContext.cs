using System.Net;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Security;

/// <summary>
/// The client port's TLS configuration, loaded at start (so a bad store stops the server before it writes
/// anything): the server certificate, the trust anchors for client certificates, protocols and cipher suites, and
/// the client-certificate rules of ssl.clientAuth and ssl.hostnameVerification.
/// </summary>
internal sealed class TlsServerContext
{
    private readonly SslStreamCertificateContext _certificate;
    private readonly X509Certificate2Collection _trust;
    private readonly SslProtocols _protocols;
    private readonly CipherSuitesPolicy? _ciphers;

    private TlsServerContext(TlsSettings settings, SslStreamCertificateContext certificate, X509Certificate2Collection trust,
        SslProtocols protocols, CipherSuitesPolicy? ciphers)
    {
        Settings = settings;
        _certificate = certificate;
        _trust = trust;
        _protocols = protocols;
        _ciphers = ciphers;
    }

    public TlsSettings Settings { get; }

    /// <summary>Loads the stores and checks the settings.</summary>
    /// <exception cref="StartupException">A store or setting is unusable; the message names it and the fix.</exception>
    public static TlsServerContext Load(TlsSettings settings)
    {
        var (certificate, chain) = CertificateStores.LoadKeyStore(settings.KeyStore);
        // Without a trust store ZooKeeper falls back to the JVM's CA certificates; the system store does the same here.
        var trust = settings.TrustStore.Location is null ? [] : CertificateStores.LoadTrustStore(settings.TrustStore);
        var context = SslStreamCertificateContext.Create(certificate, chain, offline: true);
        return new TlsServerContext(settings, context, trust, TlsProtocols.Parse(settings), TlsProtocols.Ciphers(settings));
    }

    /// <summary>The options for one connection from <paramref name="remote"/>; the client's certificate, when trusted, lands in <paramref name="accepted"/>.</summary>
    public SslServerAuthenticationOptions OptionsFor(IPEndPoint remote, StrongBox<X509Certificate2?> accepted) =>
        TlsProtocols.ServerOptions(_certificate, Settings.ClientAuth, _protocols, _ciphers, (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                // want: a client without a certificate is let in (with no x509 identity); need: refused.
                return Settings.ClientAuth != ClientAuthMode.Need;
            }
            var client = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
            if (!CertificateTrust.IsTrusted(client, _trust, Settings.RevocationCheck) || (Settings.HostnameVerification && !ClientCertificateNames.Match(client, remote.Address)))
            {
                return false;
            }
            // The platform's own verdict (errors) is against the system store; the configured trust store decides.
            accepted.Value = client;
            return true;
        });
}
