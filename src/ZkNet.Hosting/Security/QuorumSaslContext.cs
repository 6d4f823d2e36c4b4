using Microsoft.Extensions.Logging;
using ZkNet.Hosting.Configuration;
using ZkNet.Quorum.Auth;

namespace ZkNet.Hosting.Security;

/// <summary>
/// Makes an ensemble member's quorum SASL settings (quorum.auth.*, the JAAS credentials read with the config) into
/// the transports' <see cref="QuorumSasl"/>, as ZooKeeper's QuorumPeer.initialize builds its SaslQuorumAuthServer and
/// SaslQuorumAuthLearner (or the Null ones without quorum.auth.enableSasl).
/// </summary>
internal static class QuorumSaslContext
{
    /// <summary>The transports' quorum SASL, or null when quorum.auth.enableSasl is off.</summary>
    public static QuorumSasl? Load(ServerConfig config, EnsembleConfig ensemble, int initLimit, ILogger logger)
    {
        var settings = config.QuorumSasl;
        if (!settings.EnableSasl)
        {
            return null;
        }
        return new QuorumSasl
        {
            LearnerRequireSasl = settings.LearnerRequireSasl,
            ServerRequireSasl = settings.ServerRequireSasl,
            ServerUsers = settings.ServerUsers ?? new Dictionary<string, string>(),
            LearnerUser = settings.LearnerUser,
            LearnerPassword = settings.LearnerPassword,
            // ZooKeeper authorizes a name/host@REALM user from the hosts of the voting view's server lines.
            AuthorizedHosts = ensemble.Servers.Select(s => s.QuorumAddress.Host).ToHashSet(StringComparer.Ordinal),
            // ZooKeeper bounds each read of the exchange by the socket timeout (tickTime * initLimit on the quorum port).
            Timeout = TimeSpan.FromMilliseconds((long)config.TickTime * initLimit),
            Logger = logger,
        };
    }
}
