using System.Globalization;
using System.Text;

namespace ZkNet.Quorum.Configuration;

/// <summary>
/// Hierarchical quorums (ZooKeeper's QuorumHierarchical, zoo.cfg's <c>group.N=a:b:c</c> and <c>weight.N=w</c>): the
/// participants are split into disjoint groups and each has a weight (1 unless given). A set of sids is a quorum
/// when, in more than half of the groups that weigh more than 0, its members hold more than half of the group's
/// weight. A member of weight 0 adds nothing to any quorum and is never elected, but it follows and serves clients.
/// </summary>
public sealed class QuorumHierarchical : QuorumVerifier
{
    private readonly List<(long Group, List<long> Sids)> _groupOrder = [];
    private readonly Dictionary<long, long> _groupOf = [];
    private readonly Dictionary<long, long> _weights = [];
    private readonly List<long> _weightOrder = [];
    private readonly Dictionary<long, long> _groupWeight = [];
    private readonly int _countedGroups;

    /// <summary>
    /// Creates the verifier over <paramref name="servers"/>, <paramref name="groups"/> (group id and its member sids)
    /// and <paramref name="weights"/> (sid and weight), each in the order the configuration gives them.
    /// </summary>
    /// <exception cref="QuorumConfigException">
    /// A configuration ZooKeeper refuses (a server in two groups, a participant in none) or could not run with (a group
    /// listing a server that is no participant, a negative weight, every group of weight 0).
    /// </exception>
    public QuorumHierarchical(IEnumerable<QuorumServer> servers, IEnumerable<KeyValuePair<long, IReadOnlyList<long>>> groups,
        IEnumerable<KeyValuePair<long, long>> weights, long version = 0)
        : base(servers, version)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (group, sids) in groups)
        {
            AddGroup(group, sids);
        }
        foreach (var (sid, weight) in weights)
        {
            if (weight < 0)
            {
                throw new QuorumConfigException($"weight.{sid} is {weight}: a weight is 0 or more (0 keeps the server out of every quorum)");
            }
            if (_weights.TryAdd(sid, weight))
            {
                _weightOrder.Add(sid);
            }
            else
            {
                _weights[sid] = weight;
            }
        }
        // ZooKeeper's parse: every participant belongs to a group and weighs 1 unless told otherwise, the defaults
        // entered in the order its member map iterates (which decides where they print on a hash collision).
        foreach (var sid in JavaHashOrder.Of(ServerOrder.Select(s => s.Id)).Where(Voters.Contains))
        {
            if (!_groupOf.ContainsKey(sid))
            {
                throw new QuorumConfigException($"server.{sid} is in no group: with group.N lines every participant is listed in exactly one; add {sid} to a group.N line");
            }
            if (_weights.TryAdd(sid, 1))
            {
                _weightOrder.Add(sid);
            }
        }
        foreach (var (group, sids) in _groupOrder)
        {
            _groupWeight[group] = sids.Sum(sid => _weights[sid]);
        }
        // ZooKeeper's computeGroupWeight: groups of weight 0 are left out of the count of groups a quorum needs more
        // than half of.
        _countedGroups = _groupWeight.Values.Count(w => w != 0);
        if (_countedGroups == 0)
        {
            throw new QuorumConfigException("every group weighs 0 (all their members have weight.N=0), so no set of members can be a quorum: give some members a weight above 0");
        }
    }

    /// <summary>The groups, each with its member sids, in the order the configuration gives them.</summary>
    public IReadOnlyList<(long Group, IReadOnlyList<long> Sids)> Groups => [.. _groupOrder.Select(g => (g.Group, (IReadOnlyList<long>)g.Sids))];

    /// <summary>How many groups weigh more than 0: a quorum needs more than half of them.</summary>
    public int CountedGroups => _countedGroups;

    /// <summary>The weight of a participant (1 unless <c>weight.N</c> says otherwise); 0 for anyone else.</summary>
    public override long Weight(long sid) => Voters.Contains(sid) && _weights.TryGetValue(sid, out var weight) ? weight : 0;

    /// <summary>
    /// True when, in more than half of the groups of non-zero weight, the members of <paramref name="sids"/> hold more
    /// than half of the group's weight. Sids in no group (observers, strangers) add nothing.
    /// </summary>
    public override bool ContainsQuorum(IEnumerable<long> sids)
    {
        var held = new Dictionary<long, long>();
        foreach (var sid in AsSet(sids))
        {
            if (_groupOf.TryGetValue(sid, out var group))
            {
                held[group] = held.GetValueOrDefault(group) + _weights[sid];
            }
        }
        var groups = 0;
        foreach (var (group, weight) in held)
        {
            // Integer halving as ZooKeeper's: a group of weight 0 is never won.
            if (weight > _groupWeight[group] / 2)
            {
                groups++;
            }
        }
        return groups > _countedGroups / 2;
    }

    /// <summary>
    /// QuorumHierarchical.toString: the <c>server.N</c> lines, then one <c>group.G=sid:sid</c> line per group, then
    /// one <c>weight.N=w</c> line per weight (the defaulted ones too), then <c>version=</c> in hex. Each block walks a
    /// Java HashMap (members by sid, groups by group id, weights by sid), and a group's sids are joined in the order
    /// its server-to-group map iterates, not as the configuration lists them.
    /// </summary>
    public override string ToConfigText()
    {
        var text = new StringBuilder();
        AppendServerLines(text);
        var inserted = _groupOrder.SelectMany(g => g.Sids);
        var members = new Dictionary<long, List<long>>();
        var groupInsertion = new List<long>();
        foreach (var sid in JavaHashOrder.Of(inserted))
        {
            var group = _groupOf[sid];
            if (!members.TryGetValue(group, out var list))
            {
                members[group] = list = [];
                groupInsertion.Add(group);
            }
            list.Add(sid);
        }
        foreach (var group in JavaHashOrder.Of(groupInsertion))
        {
            text.Append("group.").Append(group.ToString(CultureInfo.InvariantCulture)).Append('=')
                .AppendJoin(':', members[group].Select(sid => sid.ToString(CultureInfo.InvariantCulture))).Append('\n');
        }
        foreach (var sid in JavaHashOrder.Of(_weightOrder))
        {
            text.Append("weight.").Append(sid.ToString(CultureInfo.InvariantCulture)).Append('=')
                .Append(_weights[sid].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        AppendVersion(text);
        return text.ToString();
    }

    private void AddGroup(long group, IReadOnlyList<long> sids)
    {
        if (_groupOrder.Any(g => g.Group == group))
        {
            throw new QuorumConfigException($"group.{group} is given twice: list each group once");
        }
        if (sids.Count == 0)
        {
            throw new QuorumConfigException($"group.{group} lists no server: list its members as group.{group}=sid:sid:...");
        }
        var list = new List<long>();
        foreach (var sid in sids)
        {
            if (_groupOf.TryGetValue(sid, out var other))
            {
                throw new QuorumConfigException(other == group
                    ? $"group.{group} lists server {sid} twice: list it once"
                    : $"server {sid} is in group.{other} and group.{group}: list each server in exactly one group");
            }
            if (!Voters.Contains(sid))
            {
                throw new QuorumConfigException(Members.ContainsKey(sid)
                    ? $"group.{group} lists server {sid}, an observer: only participants belong to groups; remove {sid} from group.{group}"
                    : $"group.{group} lists server {sid}, which has no server.{sid} line: add that line or remove {sid} from group.{group}");
            }
            _groupOf[sid] = group;
            list.Add(sid);
        }
        _groupOrder.Add((group, list));
    }
}
