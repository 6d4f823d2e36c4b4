namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The quorum TLS keys (<see cref="QuorumTlsSettings"/>): sslQuorum and portUnification are QuorumPeerConfig's own
/// keys; the ssl.quorum.* settings are system properties (with or without the zookeeper. prefix). The quorum key and
/// trust stores are read by ZooCfgBuilder.Observability.cs, as the AdminServer's HTTPS uses them too.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private readonly Dictionary<string, ConfigEntry> _quorumTlsEntries = new(StringComparer.Ordinal);
    private QuorumTlsSettings _quorumTls = new();

    private bool TryApplyQuorumTls(ConfigEntry entry)
    {
        var name = entry.Key is "sslQuorum" or "portUnification" ? entry.Key : ZooCfgKeys.WithoutPrefix(entry.Key);
        QuorumTlsSettings? next = name switch
        {
            "sslQuorum" => _quorumTls with { SslQuorum = Bool(entry) },
            "portUnification" => _quorumTls with { PortUnification = Bool(entry) },
            "ssl.quorum.clientAuth" => _quorumTls with { ClientAuth = ClientAuth(entry) },
            "ssl.quorum.protocol" => _quorumTls with { Protocol = Protocol(entry, entry.Value) },
            "ssl.quorum.enabledProtocols" => _quorumTls with { EnabledProtocols = List(entry).Select(p => Protocol(entry, p)).ToList() },
            "ssl.quorum.ciphersuites" => _quorumTls with { CipherSuites = List(entry) },
            "ssl.quorum.hostnameVerification" => _quorumTls with { HostnameVerification = Bool(entry) },
            "ssl.quorum.handshakeDetectionTimeoutMillis" => _quorumTls with { HandshakeDetectionTimeoutMs = DetectionTimeout(entry) },
            _ => null,
        };
        if (next is null)
        {
            return false;
        }
        _quorumTls = next;
        _quorumTlsEntries[name] = entry;
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
