namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Quorum SASL as zoo.cfg configures it (QuorumPeerConfig's own keys, ZooKeeper's defaults), with the DIGEST-MD5
/// credentials read from the JAAS file (java.security.auth.login.config, shared with client SASL) when the
/// configuration is loaded. Standalone servers ignore it, as ZooKeeper does.
/// </summary>
public sealed record QuorumSaslSettings
{
    /// <summary>quorum.auth.enableSasl: this member can authenticate and be authenticated (default false).</summary>
    public bool EnableSasl { get; init; }

    /// <summary>quorum.auth.learnerRequireSasl: connections this member opens authenticate (default false: it sends no auth).</summary>
    public bool LearnerRequireSasl { get; init; }

    /// <summary>quorum.auth.serverRequireSasl: peers that do not authenticate, or fail to, are refused (default false).</summary>
    public bool ServerRequireSasl { get; init; }

    /// <summary>quorum.auth.learner.saslLoginContext: the JAAS section with this member's username and password.</summary>
    public string LearnerLoginContext { get; init; } = "QuorumLearner";

    /// <summary>quorum.auth.server.saslLoginContext: the JAAS section with the user_NAME="password" entries this member accepts.</summary>
    public string ServerLoginContext { get; init; } = "QuorumServer";

    /// <summary>The accepted users (name to password), read at load when <see cref="EnableSasl"/> in an ensemble.</summary>
    public IReadOnlyDictionary<string, string>? ServerUsers { get; init; }

    /// <summary>This member's DIGEST-MD5 user, read at load when <see cref="EnableSasl"/> in an ensemble.</summary>
    public string? LearnerUser { get; init; }

    /// <summary>Its password.</summary>
    public string? LearnerPassword { get; init; }
}
