namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The quorum TLS keys (<see cref="QuorumTlsSettings"/>). sslQuorum and portUnification are QuorumPeerConfig's own
/// keys; the ssl.quorum.* settings are system properties (with or without the zookeeper. prefix) that mean for the
/// ensemble what their ssl.* twins (ZooCfgBuilder.Tls.cs) mean for the client port. The quorum key and trust stores
/// are read by ZooCfgBuilder.Observability.cs, as the AdminServer's HTTPS uses them too.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private const string QuorumSsl = "ssl.quorum.";
    private readonly Dictionary<string, ConfigEntry> _quorumTlsEntries = new(StringComparer.Ordinal);
    private QuorumTlsSettings _quorumTls = new();

    private bool TryApplyQuorumTls(ConfigEntry entry)
    {
        var property = ZooCfgKeys.WithoutPrefix(entry.Key);
        var setting = entry.Key is "sslQuorum" or "portUnification" or "sslQuorumReloadCertFiles" ? entry.Key
            : property.StartsWith(QuorumSsl, StringComparison.Ordinal) ? property[QuorumSsl.Length..] : null;
        QuorumTlsSettings? next = setting switch
        {
            "sslQuorum" => _quorumTls with { SslQuorum = Bool(entry) },
            "portUnification" => _quorumTls with { PortUnification = Bool(entry) },
            "sslQuorumReloadCertFiles" => _quorumTls with { ReloadCertFiles = Bool(entry) },
            "clientAuth" => _quorumTls with { ClientAuth = ClientAuth(entry) },
            "protocol" => _quorumTls with { Protocol = Protocol(entry, entry.Value) },
            "enabledProtocols" => _quorumTls with { EnabledProtocols = List(entry).Select(p => Protocol(entry, p)).ToList() },
            "ciphersuites" => _quorumTls with { CipherSuites = List(entry) },
            "hostnameVerification" => _quorumTls with { HostnameVerification = Bool(entry) },
            "crl" => _quorumTls with { Crl = Bool(entry) },
            "ocsp" => _quorumTls with { Ocsp = Bool(entry) },
            "handshakeDetectionTimeoutMillis" => _quorumTls with { HandshakeDetectionTimeoutMs = DetectionTimeout(entry) },
            _ => null,
        };
        if (next is null)
        {
            return false;
        }
        _quorumTls = next;
        _quorumTlsEntries[setting!] = entry;
        return true;
    }

    /// <summary>A member that may speak TLS to its peers needs its certificate: refused at once rather than at the first peer.</summary>
    private QuorumTlsSettings BuildQuorumTls()
    {
        if (_quorumTls.Enabled && _config.QuorumKeyStore.Location is null)
        {
            var key = _quorumTls.SslQuorum ? "sslQuorum" : "portUnification";
            throw new ConfigException(key, _quorumTlsEntries[key].Line,
                $"{key}=true needs ssl.quorum.keyStore.location (this member's certificate and key) and ssl.quorum.trustStore.location (the CA its peers are signed by)");
        }
        return _quorumTls;
    }

    /// <summary>ZooKeeper takes a value below 1 as its default (an endless wait could hold a listener forever).</summary>
    private int DetectionTimeout(ConfigEntry entry)
    {
        var value = Int(entry);
        if (value >= 1)
        {
            return value;
        }
        _warnings.Add($"{entry.Key} {value} is not a positive number of milliseconds; using 5000");
        return 5000;
    }
}
