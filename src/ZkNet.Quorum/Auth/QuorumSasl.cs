using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZkNet.Quorum.Auth;

/// <summary>
/// Quorum SASL (DIGEST-MD5) as ZooKeeper's quorum.auth.* settings ask for it, for election connections and
/// leader/learner connections alike: a member opening a connection authenticates as a learner
/// (<see cref="SaslQuorumAuthLearner"/>) when <see cref="LearnerRequireSasl"/>; a member accepting one runs the
/// server side (<see cref="SaslQuorumAuthServer"/>), refusing a peer that does not authenticate only when
/// <see cref="ServerRequireSasl"/>. The host builds it from zoo.cfg and the JAAS file when quorum.auth.enableSasl is
/// true; without it no connection carries authentication, as with ZooKeeper's NullQuorumAuthServer/Learner.
/// </summary>
public sealed class QuorumSasl
{
    /// <summary>The SASL protocol name of quorum authentication (ZooKeeper's QUORUM_SERVER_PROTOCOL_NAME).</summary>
    public const string Protocol = "zookeeper-quorum";

    /// <summary>The DIGEST-MD5 server name, and so the realm (ZooKeeper's QUORUM_SERVER_SASL_DIGEST).</summary>
    public const string ServerName = "zk-quorum-sasl-md5";

    /// <summary>quorum.auth.learnerRequireSasl: connections this member opens authenticate (else they send no auth at all).</summary>
    public bool LearnerRequireSasl { get; init; }

    /// <summary>quorum.auth.serverRequireSasl: connections that do not authenticate, or fail to, are closed.</summary>
    public bool ServerRequireSasl { get; init; }

    /// <summary>The users this member accepts (name to password): the user_NAME entries of the QuorumServer JAAS section.</summary>
    public IReadOnlyDictionary<string, string> ServerUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Host names of the ensemble's server lines: a user named like a Kerberos principal (name/host@REALM) is accepted
    /// only from one of these, as ZooKeeper's SaslQuorumServerCallbackHandler authorizes it.
    /// </summary>
    public IReadOnlySet<string> AuthorizedHosts { get; init; } = new HashSet<string>();

    /// <summary>The user this member authenticates as (username of the QuorumLearner JAAS section).</summary>
    public string? LearnerUser { get; init; }

    /// <summary>Its password (password of the QuorumLearner JAAS section).</summary>
    public string? LearnerPassword { get; init; }

    /// <summary>How long one side waits for the whole exchange (ZooKeeper bounds each read by the socket timeout).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where authentications, refusals and malformed exchanges are logged.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>
    /// At most this many challenges are sent (ZooKeeper's SaslQuorumAuthServer gives up after 5); DIGEST-MD5 needs one.
    /// </summary>
    internal const int MaxRounds = 5;
}
