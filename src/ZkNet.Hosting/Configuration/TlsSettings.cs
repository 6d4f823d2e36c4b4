namespace ZkNet.Hosting.Configuration;

/// <summary>
/// TLS on the client port as zoo.cfg configures it (ZooKeeper's names): secureClientPort and
/// secureClientPortAddress, client.portUnification, the ssl.* client-side settings (ssl.quorum.* are the ensemble's
/// and not read here) and the x509 super user. Defaults are ZooKeeper's.
/// </summary>
public sealed record TlsSettings
{
    /// <summary>secureClientPort: the TLS-only client port; null when not set (0 picks a free port, for tests).</summary>
    public int? SecureClientPort { get; init; }

    /// <summary>secureClientPortAddress: where the secure port listens (ZooKeeper's default: every address).</summary>
    public string SecureClientPortAddress { get; init; } = ServerConfig.AnyAddress;

    /// <summary>client.portUnification: the plain clientPort also accepts TLS, told apart by the first byte (default false).</summary>
    public bool PortUnification { get; init; }

    /// <summary>ssl.keyStore.*: the server's certificate and private key.</summary>
    public StoreSettings KeyStore { get; init; } = new();

    /// <summary>ssl.trustStore.*: the certificates client certificates must chain to.</summary>
    public StoreSettings TrustStore { get; init; } = new();

    /// <summary>ssl.clientAuth: whether a client certificate is asked for (default need, as ZooKeeper).</summary>
    public ClientAuthMode ClientAuth { get; init; } = ClientAuthMode.Need;

    /// <summary>ssl.protocol: TLSv1.2 or TLSv1.3; null leaves both on.</summary>
    public string? Protocol { get; init; }

    /// <summary>ssl.enabledProtocols: the protocols offered (default: ssl.protocol when set, else TLSv1.3 and TLSv1.2).</summary>
    public IReadOnlyList<string>? EnabledProtocols { get; init; }

    /// <summary>ssl.ciphersuites: IANA cipher suite names, as Java spells them (default: the platform's list).</summary>
    public IReadOnlyList<string>? CipherSuites { get; init; }

    /// <summary>ssl.hostnameVerification: a client certificate must name the client's address (default true).</summary>
    public bool HostnameVerification { get; init; } = true;

    /// <summary>ssl.crl: a client certificate must be shown unrevoked by its CRL distribution points (default false).</summary>
    public bool Crl { get; init; }

    /// <summary>ssl.ocsp: a client certificate must be shown unrevoked by its OCSP responder (default false).</summary>
    public bool Ocsp { get; init; }

    /// <summary>
    /// Whether client certificates' revocation is checked. .NET checks CRLs and OCSP together (the platform picks
    /// what each certificate offers), so either key turns on both.
    /// </summary>
    public bool RevocationCheck => Crl || Ocsp;

    /// <summary>X509AuthenticationProvider.superUser: the certificate subject that is the super user.</summary>
    public string? X509SuperUser { get; init; }

    /// <summary>
    /// client.certReload: reload the key and trust stores when their files change, for new connections, without a
    /// restart (default false, as ZooKeeper's; connections already open keep the certificate they shook hands with).
    /// </summary>
    public bool CertReload { get; init; }

    /// <summary>Whether any client connection can be TLS.</summary>
    public bool Enabled => SecureClientPort is not null || PortUnification;
}
