using System.Text;

namespace ZkNet.Quorum.Configuration;

/// <summary>
/// The majority rule (ZooKeeper's QuorumMaj): a set of sids is a quorum when it holds more than half of the
/// participants. Observers are members but never count.
/// </summary>
public sealed class QuorumMaj : QuorumVerifier
{
    /// <summary>Creates the verifier over <paramref name="servers"/> at config <paramref name="version"/>.</summary>
    public QuorumMaj(IEnumerable<QuorumServer> servers, long version = 0)
        : base(servers, version)
    {
    }

    /// <summary>A participant weighs 1, anyone else 0.</summary>
    public override long Weight(long sid) => Voters.Contains(sid) ? 1 : 0;

    /// <summary>True when <paramref name="sids"/> holds a majority of the participants.</summary>
    public override bool ContainsQuorum(IEnumerable<long> sids)
    {
        var set = AsSet(sids);
        var voters = 0;
        foreach (var sid in set)
        {
            if (Voters.Contains(sid))
            {
                voters++;
            }
        }
        return voters > Voters.Count / 2;
    }

    /// <summary>One <c>server.N=...</c> line per member, then <c>version=</c> in hex (QuorumMaj.toString).</summary>
    public override string ToConfigText()
    {
        var text = new StringBuilder();
        AppendServerLines(text);
        AppendVersion(text);
        return text.ToString();
    }
}
