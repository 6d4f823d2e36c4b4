using System.Globalization;
using System.Text;

namespace ZkNet.Quorum.Configuration;

/// <summary>
/// The ensemble's membership and majority rule (ZooKeeper's QuorumMaj): a set of sids is a quorum when it holds
/// more than half of the participants. Observers are members but never count.
/// </summary>
public sealed class QuorumMaj
{
    private readonly Dictionary<long, QuorumServer> _all;
    private readonly HashSet<long> _voters;

    /// <summary>Creates the verifier over <paramref name="servers"/> at config <paramref name="version"/>.</summary>
    public QuorumMaj(IEnumerable<QuorumServer> servers, long version = 0)
    {
        _all = servers.ToDictionary(s => s.Id);
        _voters = _all.Values.Where(s => s.Type == LearnerType.Participant).Select(s => s.Id).ToHashSet();
        Version = version;
    }

    /// <summary>Every member, participants and observers.</summary>
    public IReadOnlyDictionary<long, QuorumServer> Members => _all;

    /// <summary>The participants' sids.</summary>
    public IReadOnlySet<long> Voters => _voters;

    /// <summary>The configuration version (0 for a static configuration, as ZooKeeper reports it without reconfig).</summary>
    public long Version { get; }

    /// <summary>A participant weighs 1, anyone else 0 (a weight-0 member can never be elected).</summary>
    public long Weight(long sid) => _voters.Contains(sid) ? 1 : 0;

    /// <summary>True when <paramref name="sids"/> holds a majority of the participants.</summary>
    public bool ContainsQuorum(IEnumerable<long> sids) => sids.Count(_voters.Contains) > _voters.Count / 2;

    /// <summary>
    /// The configuration text ZooKeeper puts in election notifications: one <c>server.N=...</c> line per member,
    /// then <c>version=</c> in hex, without a trailing newline.
    /// </summary>
    public string ToConfigText()
    {
        var text = new StringBuilder();
        foreach (var server in _all.Values.OrderBy(s => s.Id))
        {
            text.Append("server.").Append(server.Id.ToString(CultureInfo.InvariantCulture)).Append('=')
                .Append(server.ToConfigValue()).Append('\n');
        }
        return text.Append("version=").Append(Version.ToString("x", CultureInfo.InvariantCulture)).ToString();
    }
}
