using ZkNet.Hosting.Security;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// The quorum SASL keys (<see cref="QuorumSaslSettings"/>), QuorumPeerConfig's own, and the checks it makes of them.
/// quorum.auth.kerberos.servicePrincipal is accepted and ignored: it only names a Kerberos service, and a JAAS section
/// that logs in with Kerberos is refused when the file is read.
/// </summary>
internal sealed partial class ZooCfgBuilder
{
    private readonly Dictionary<string, ConfigEntry> _quorumSaslEntries = new(StringComparer.Ordinal);
    private QuorumSaslSettings _quorumSasl = new();

    private bool TryApplyQuorumSasl(ConfigEntry entry)
    {
        QuorumSaslSettings? next = entry.Key switch
        {
            "quorum.auth.enableSasl" => _quorumSasl with { EnableSasl = Bool(entry) },
            "quorum.auth.learnerRequireSasl" => _quorumSasl with { LearnerRequireSasl = Bool(entry) },
            "quorum.auth.serverRequireSasl" => _quorumSasl with { ServerRequireSasl = Bool(entry) },
            "quorum.auth.learner.saslLoginContext" => _quorumSasl with { LearnerLoginContext = entry.Value },
            "quorum.auth.server.saslLoginContext" => _quorumSasl with { ServerLoginContext = entry.Value },
            _ => null,
        };
        if (next is null)
        {
            return false;
        }
        _quorumSasl = next;
        _quorumSaslEntries[entry.Key] = entry;
        return true;
    }

    /// <summary>
    /// QuorumPeerConfig's three checks, then (in an ensemble with enableSasl) both JAAS sections read now, as
    /// ZooKeeper's QuorumPeer builds its SaslQuorumAuthServer and SaslQuorumAuthLearner at start: a missing file,
    /// section or credential stops the member before it joins.
    /// </summary>
    private QuorumSaslSettings BuildQuorumSasl()
    {
        var q = _quorumSasl;
        if (!q.EnableSasl && q.ServerRequireSasl)
        {
            throw QuorumSaslConflict("quorum.auth.serverRequireSasl", "quorum.auth.enableSasl");
        }
        if (!q.EnableSasl && q.LearnerRequireSasl)
        {
            throw QuorumSaslConflict("quorum.auth.learnerRequireSasl", "quorum.auth.enableSasl");
        }
        // Without it this member could not join the quorum it guards (ZooKeeper's reason for the check).
        if (!q.LearnerRequireSasl && q.ServerRequireSasl)
        {
            throw QuorumSaslConflict("quorum.auth.serverRequireSasl", "quorum.auth.learnerRequireSasl");
        }
        if (!q.EnableSasl || !_raw.Keys.Any(k => k.StartsWith("server.", StringComparison.Ordinal)))
        {
            return q;
        }
        var line = _quorumSaslEntries["quorum.auth.enableSasl"].Line;
        if (_sasl.JaasFile is not { } file)
        {
            throw new ConfigException("quorum.auth.enableSasl", line,
                "quorum.auth.enableSasl=true needs java.security.auth.login.config: a JAAS file with the " +
                $"{q.ServerLoginContext} section (user_NAME=\"password\") and the {q.LearnerLoginContext} section (username, password)");
        }
        var users = JaasConfig.Users(JaasConfig.ReadOptions(file, q.ServerLoginContext));
        var learner = JaasConfig.ReadOptions(file, q.LearnerLoginContext);
        if (q.LearnerRequireSasl && (!learner.ContainsKey("username") || !learner.ContainsKey("password")))
        {
            throw new ConfigException("quorum.auth.learnerRequireSasl", _quorumSaslEntries["quorum.auth.learnerRequireSasl"].Line,
                $"{file}: section {q.LearnerLoginContext} needs username=\"...\" and password=\"...\" for this member to authenticate to its peers");
        }
        return q with
        {
            ServerUsers = users,
            LearnerUser = learner.GetValueOrDefault("username"),
            LearnerPassword = learner.GetValueOrDefault("password"),
        };
    }

    private ConfigException QuorumSaslConflict(string key, string disabled) =>
        new(key, _quorumSaslEntries[key].Line, $"{disabled} is disabled, so cannot enable {key}");
}
