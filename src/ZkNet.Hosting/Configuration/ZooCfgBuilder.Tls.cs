namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The client-port TLS keys (<see cref="TlsSettings"/>). secureClientPort and secureClientPortAddress are
/// QuorumPeerConfig's own keys; the rest are system properties (with or without the zookeeper. prefix). ssl.quorum.*
/// belongs to the ensemble; its key and trust stores serve the AdminServer's HTTPS (ZooCfgBuilder.Observability.cs).
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private readonly Dictionary<string, ConfigEntry> _tlsEntries = new(StringComparer.Ordinal);
    private TlsSettings _tls = new();

    private bool TryApplyTls(ConfigEntry entry)
    {
        var name = entry.Key is "secureClientPort" or "secureClientPortAddress" ? entry.Key : ZooCfgKeys.WithoutPrefix(entry.Key);
        var value = entry.Value;
        TlsSettings? next = name switch
        {
            "secureClientPort" => _tls with { SecureClientPort = Int(entry) },
            "secureClientPortAddress" => _tls with { SecureClientPortAddress = value },
            "client.portUnification" => _tls with { PortUnification = Bool(entry) },
            "client.certReload" => _tls with { CertReload = Bool(entry) },
            "X509AuthenticationProvider.superUser" => _tls with { X509SuperUser = value },
            "ssl.keyStore.location" => _tls with { KeyStore = _tls.KeyStore with { Location = value } },
            "ssl.keyStore.password" => _tls with { KeyStore = _tls.KeyStore with { Password = value } },
            "ssl.keyStore.passwordPath" => _tls with { KeyStore = _tls.KeyStore with { PasswordPath = value } },
            "ssl.keyStore.type" => _tls with { KeyStore = _tls.KeyStore with { Type = value } },
            "ssl.trustStore.location" => _tls with { TrustStore = _tls.TrustStore with { Location = value } },
            "ssl.trustStore.password" => _tls with { TrustStore = _tls.TrustStore with { Password = value } },
            "ssl.trustStore.passwordPath" => _tls with { TrustStore = _tls.TrustStore with { PasswordPath = value } },
            "ssl.trustStore.type" => _tls with { TrustStore = _tls.TrustStore with { Type = value } },
            "ssl.clientAuth" => _tls with { ClientAuth = ClientAuth(entry) },
            "ssl.protocol" => _tls with { Protocol = Protocol(entry, value) },
            "ssl.enabledProtocols" => _tls with { EnabledProtocols = List(entry).Select(p => Protocol(entry, p)).ToList() },
            "ssl.ciphersuites" => _tls with { CipherSuites = List(entry) },
            "ssl.hostnameVerification" => _tls with { HostnameVerification = Bool(entry) },
            "ssl.crl" => _tls with { Crl = Bool(entry) },
            "ssl.ocsp" => _tls with { Ocsp = Bool(entry) },
            // The x509 provider is built in: naming ZooKeeper's class for it (or the default scheme) changes nothing.
            "ssl.authProvider" or "authProvider.x509" => _tls,
            _ => null,
        };
        if (next is null)
        {
            return false;
        }
        _tls = next;
        _tlsEntries[name] = entry;
        _raw[entry.Key] = value;
        return true;
    }

    /// <summary>QuorumPeerConfig's check, then the ones ZkNet adds so that a TLS port never starts half-configured.</summary>
    private TlsSettings BuildTls()
    {
        if (_tlsEntries.TryGetValue("secureClientPortAddress", out var address) && _tls.SecureClientPort is null or 0)
        {
            throw new ConfigException("secureClientPortAddress", address.Line, "secureClientPortAddress is set but secureClientPort is not set");
        }
        if (_tls.SecureClientPort is < 0 or > 65535)
        {
            throw new ConfigException("secureClientPort", _tlsEntries["secureClientPort"].Line, $"port out of range: {_tls.SecureClientPort}");
        }
        // secureClientPort=0 means "not set" to ZooKeeper, as clientPort=0 does.
        var tls = _tls.SecureClientPort == 0 ? _tls with { SecureClientPort = null } : _tls;
        if (tls.Enabled && tls.KeyStore.Location is null)
        {
            var key = _tlsEntries.ContainsKey("secureClientPort") ? "secureClientPort" : "client.portUnification";
            throw new ConfigException(key, _tlsEntries[key].Line, "TLS on the client port needs ssl.keyStore.location (the server's certificate and key)");
        }
        return tls;
    }

    private static bool Bool(ConfigEntry entry) =>
        entry.Value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : entry.Value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : throw new ConfigException(entry.Key, entry.Line, $"invalid option '{entry.Value}': choose 'true' or 'false'");

    private static ClientAuthMode ClientAuth(ConfigEntry entry) => entry.Value.ToUpperInvariant() switch
    {
        "" or "NEED" => ClientAuthMode.Need,
        "WANT" => ClientAuthMode.Want,
        "NONE" => ClientAuthMode.None,
        _ => throw new ConfigException(entry.Key, entry.Line, $"invalid option '{entry.Value}': choose none, want or need"),
    };

    private static string Protocol(ConfigEntry entry, string value) => value switch
    {
        "TLSv1.2" or "TLSv1.3" => value,
        "TLS" => "TLSv1.3",
        _ => throw new ConfigException(entry.Key, entry.Line, $"unsupported protocol '{value}': choose TLSv1.2 or TLSv1.3 (older ones are insecure)"),
    };

    private static List<string> List(ConfigEntry entry) =>
        [.. entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
