namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The client SASL keys (<see cref="SaslSettings"/>). java.security.auth.login.config is a JVM option for Apache
/// ZooKeeper; ZkNet reads it from zoo.cfg. The rest are ZooKeeper system properties (zookeeper. prefix optional).
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private SaslSettings _sasl = new();

    private bool TryApplySasl(ConfigEntry entry)
    {
        var name = entry.Key == "java.security.auth.login.config" ? entry.Key : ZooCfgKeys.WithoutPrefix(entry.Key);
        SaslSettings? next = name switch
        {
            "java.security.auth.login.config" => _sasl with { JaasFile = Path.GetFullPath(entry.Value, _baseDirectory) },
            "sasl.serverconfig" => _sasl with { Section = entry.Value },
            "sessionRequireClientSASLAuth" => _sasl with { RequireClientSaslAuth = Bool(entry) },
            "enforce.auth.enabled" => _sasl with { EnforceAuthEnabled = Bool(entry) },
            "enforce.auth.schemes" => _sasl with { EnforceAuthSchemes = new HashSet<string>(List(entry), StringComparer.Ordinal) },
            _ => null,
        };
        if (next is null)
        {
            return false;
        }
        _sasl = next;
        return true;
    }

    /// <summary>
    /// Reads the JAAS users now, so that a missing file or section stops the start before anything is written.
    /// A file that serves quorum SASL only (quorum.auth.enableSasl) may lack the Server section: ZooKeeper then runs
    /// without client SASL, as it does whenever that section is missing and sasl.serverconfig was not set.
    /// </summary>
    private SaslSettings BuildSasl()
    {
        if (_sasl.JaasFile is not { } file)
        {
            return _sasl;
        }
        if (_quorumSasl.EnableSasl && !_raw.Keys.Any(k => ZooCfgKeys.WithoutPrefix(k) == "sasl.serverconfig")
            && !Security.JaasConfig.HasSection(file, _sasl.Section))
        {
            return _sasl;
        }
        return _sasl with { Users = Security.JaasConfig.ReadUsers(file, _sasl.Section) };
    }
}
