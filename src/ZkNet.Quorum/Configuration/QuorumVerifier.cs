using System.Globalization;
using System.Text;

namespace ZkNet.Quorum.Configuration;

/// <summary>
/// The ensemble's membership and the rule that says which sets of members are a quorum (ZooKeeper's
/// QuorumVerifier): <see cref="QuorumMaj"/> for majorities, <see cref="QuorumHierarchical"/> for groups and weights.
/// Elections, the leader's epoch, NEWLEADER and proposal acks, and its tick check all ask it.
/// </summary>
public abstract class QuorumVerifier
{
    private readonly Dictionary<long, QuorumServer> _all;
    private readonly HashSet<long> _voters;

    /// <summary>Creates the membership over <paramref name="servers"/> at config <paramref name="version"/>.</summary>
    /// <exception cref="QuorumConfigException">Two server lines share an id.</exception>
    protected QuorumVerifier(IEnumerable<QuorumServer> servers, long version)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ServerOrder = [.. servers];
        _all = [];
        foreach (var server in ServerOrder)
        {
            if (!_all.TryAdd(server.Id, server))
            {
                throw new QuorumConfigException($"server.{server.Id} is defined twice");
            }
        }
        _voters = [.. ServerOrder.Where(s => s.Type == LearnerType.Participant).Select(s => s.Id)];
        Version = version;
    }

    /// <summary>Every member, participants and observers.</summary>
    public IReadOnlyDictionary<long, QuorumServer> Members => _all;

    /// <summary>The participants' sids (observers never vote, whatever their weight).</summary>
    public IReadOnlySet<long> Voters => _voters;

    /// <summary>The configuration version (0 for a static configuration, as ZooKeeper reports it without reconfig).</summary>
    public long Version { get; }

    /// <summary>The server lines in the order they were given (ZooKeeper's insertion order, which its text follows on ties).</summary>
    protected IReadOnlyList<QuorumServer> ServerOrder { get; }

    /// <summary>
    /// A member's weight: what it adds to a quorum. A member of weight 0 is never voted for, so it is never elected
    /// (ZooKeeper's FastLeaderElection.totalOrderPredicate), though it follows and serves clients.
    /// </summary>
    public abstract long Weight(long sid);

    /// <summary>True when <paramref name="sids"/> (duplicates and non-voters ignored) is a quorum.</summary>
    public abstract bool ContainsQuorum(IEnumerable<long> sids);

    /// <summary>
    /// The configuration text ZooKeeper puts in election notifications, NEWLEADER and /zookeeper/config: its
    /// verifier's toString, byte for byte, without a trailing newline.
    /// </summary>
    public abstract string ToConfigText();

    /// <summary>A set view of <paramref name="sids"/>: the collection itself when it is one already (the hot path's acks).</summary>
    protected static IReadOnlySet<long> AsSet(IEnumerable<long> sids) => sids as IReadOnlySet<long> ?? sids.ToHashSet();

    /// <summary>Appends <c>server.N=...</c> lines in the order ZooKeeper's HashMap of members prints them.</summary>
    protected void AppendServerLines(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var sid in JavaHashOrder.Of(ServerOrder.Select(s => s.Id)))
        {
            text.Append("server.").Append(sid.ToString(CultureInfo.InvariantCulture)).Append('=')
                .Append(_all[sid].ToConfigValue()).Append('\n');
        }
    }

    /// <summary>Appends ZooKeeper's closing <c>version=</c> line (hex, no newline).</summary>
    protected void AppendVersion(StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append("version=").Append(Version.ToString("x", CultureInfo.InvariantCulture));
    }
}
