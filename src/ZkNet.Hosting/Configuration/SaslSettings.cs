namespace ZkNet.Hosting.Configuration;

/// <summary>
/// SASL for clients as ZooKeeper configures it: the JAAS file and section holding the DIGEST-MD5 users, and whether
/// a client must authenticate (sessionRequireClientSASLAuth, enforce.auth.enabled / enforce.auth.schemes).
/// </summary>
public sealed record SaslSettings
{
    /// <summary>java.security.auth.login.config: the JAAS file (null: no SASL login, sasl packets get an empty token).</summary>
    public string? JaasFile { get; init; }

    /// <summary>zookeeper.sasl.serverconfig: the JAAS section the server logs in with (default Server).</summary>
    public string Section { get; init; } = "Server";

    /// <summary>The DIGEST-MD5 users of that section (name to password), read when the configuration is loaded.</summary>
    public IReadOnlyDictionary<string, string>? Users { get; init; }

    /// <summary>sessionRequireClientSASLAuth: a client must authenticate with SASL (the same as enforcing the sasl scheme).</summary>
    public bool RequireClientSaslAuth { get; init; }

    /// <summary>enforce.auth.enabled: a client must hold an identity of one of <see cref="EnforceAuthSchemes"/>.</summary>
    public bool EnforceAuthEnabled { get; init; }

    /// <summary>enforce.auth.schemes: the schemes enforce.auth.enabled requires (e.g. sasl, digest, x509); null when not set.</summary>
    public IReadOnlySet<string>? EnforceAuthSchemes { get; init; }

    /// <summary>The schemes a connection must hold one of before anything but auth and sasl, or null for none.</summary>
    public IReadOnlySet<string>? EnforcedSchemes => RequireClientSaslAuth
        ? new HashSet<string>(StringComparer.Ordinal) { "sasl" }
        : EnforceAuthEnabled && EnforceAuthSchemes is { Count: > 0 } schemes ? schemes : null;
}
