namespace ZkNet.Hosting.Configuration;

/// <summary>
/// TLS between ensemble members as zoo.cfg configures it (ZooKeeper's names): sslQuorum and portUnification, which
/// QuorumPeerConfig reads itself, and the ssl.quorum.* system properties other than the stores (those are
/// <see cref="ServerConfig.QuorumKeyStore"/> and <see cref="ServerConfig.QuorumTrustStore"/>, which the AdminServer's
/// HTTPS shares). Defaults are ZooKeeper's (QuorumX509Util). Standalone servers ignore them, as ZooKeeper does.
/// </summary>
public sealed record QuorumTlsSettings
{
    /// <summary>sslQuorum: election and leader/learner connections are TLS with mutual authentication (default false).</summary>
    public bool SslQuorum { get; init; }

    /// <summary>
    /// portUnification: the election and quorum ports take TLS and plain connections both, so an ensemble can move to
    /// TLS one member at a time (default false).
    /// </summary>
    public bool PortUnification { get; init; }

    /// <summary>ssl.quorum.clientAuth: whether a member accepting a connection asks for the peer's certificate (default need).</summary>
    public ClientAuthMode ClientAuth { get; init; } = ClientAuthMode.Need;

    /// <summary>ssl.quorum.protocol: TLSv1.2 or TLSv1.3; null leaves both on.</summary>
    public string? Protocol { get; init; }

    /// <summary>ssl.quorum.enabledProtocols: the protocols offered (default: ssl.quorum.protocol when set, else TLSv1.3 and TLSv1.2).</summary>
    public IReadOnlyList<string>? EnabledProtocols { get; init; }

    /// <summary>ssl.quorum.ciphersuites: IANA cipher suite names (default: the platform's list).</summary>
    public IReadOnlyList<string>? CipherSuites { get; init; }

    /// <summary>
    /// ssl.quorum.hostnameVerification: a peer's certificate must name its address, both ways (the member dialled,
    /// and the member dialling in), by an IP address or a DNS name (default true).
    /// </summary>
    public bool HostnameVerification { get; init; } = true;

    /// <summary>ssl.quorum.crl: a peer member's certificate must be shown unrevoked by its CRL distribution points (default false).</summary>
    public bool Crl { get; init; }

    /// <summary>ssl.quorum.ocsp: a peer member's certificate must be shown unrevoked by its OCSP responder (default false).</summary>
    public bool Ocsp { get; init; }

    /// <summary>Whether peer certificates' revocation is checked (either key: .NET checks CRLs and OCSP together).</summary>
    public bool RevocationCheck => Crl || Ocsp;

    /// <summary>ssl.quorum.handshakeDetectionTimeoutMillis: how long a listener waits for a connection's first bytes (default 5000).</summary>
    public int HandshakeDetectionTimeoutMs { get; init; } = 5000;

    /// <summary>
    /// sslQuorumReloadCertFiles: reload ssl.quorum's key and trust stores when their files change, for the connections
    /// opened and accepted from then on, without a restart (default false: read once at start).
    /// </summary>
    public bool ReloadCertFiles { get; init; }

    /// <summary>Whether any member-to-member connection can be TLS (and so a key store is needed).</summary>
    public bool Enabled => SslQuorum || PortUnification;
}
