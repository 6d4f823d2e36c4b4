using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ZkNet.Client;

/// <summary>
/// TLS for a client's connections (ZooKeeper's zookeeper.client.secure with the ssl.* client settings): the server
/// must present a certificate that chains to <see cref="TrustedCertificates"/> (or the system's CAs), and the client
/// may present its own, which the server turns into the session's x509 identity.
/// </summary>
public sealed record ZooKeeperTlsOptions
{
    /// <summary>The client's certificate, with its private key, for servers that ask for one (ssl.clientAuth want or need). Default: none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>
    /// The certificates the server's certificate must chain to (ssl.trustStore); null or empty trusts the system's
    /// CA store. Default: null.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificates { get; init; }

    /// <summary>
    /// Whether the server's certificate must name the host the client connects to (ssl.hostnameVerification).
    /// Default: true.
    /// </summary>
    public bool VerifyHostname { get; init; } = true;

    /// <summary>The protocols to offer; <see cref="SslProtocols.None"/> lets the platform choose (TLS 1.2 and 1.3). Default: None.</summary>
    public SslProtocols EnabledProtocols { get; init; } = SslProtocols.None;

    /// <summary>
    /// Whether the server's certificate is checked for revocation online, by the CRL distribution points and OCSP
    /// responders it names (a ZooKeeper client's zookeeper.ssl.crl / zookeeper.ssl.ocsp). A certificate whose status
    /// cannot be learned is refused, as Java's PKIX checker refuses it. Default: false, as in ZooKeeper.
    /// </summary>
    public bool CheckRevocation { get; init; }
}
