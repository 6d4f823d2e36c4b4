using System.Globalization;
using System.Net;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// The links between ensemble members, each direction of each pair through its own <see cref="LinkProxy"/> for the
/// quorum port and one for the election port. A member's zoo.cfg names the proxies for the other members
/// (<see cref="AddressOf"/>), so every byte between two members passes here and a test can cut and heal links:
/// isolate a member, split the ensemble, or build a bridge (one member sees both sides, the sides not each other).
/// Client ports are not proxied.
/// </summary>
internal sealed class FaultNetwork : IAsyncDisposable
{
    private readonly Dictionary<(long From, long To), (LinkProxy Quorum, LinkProxy Election)> _links = [];

    /// <param name="members">Each member's real quorum and election ports on 127.0.0.1.</param>
    /// <param name="reserved">Every port the members will bind (the proxies keep off them).</param>
    public FaultNetwork(IReadOnlyDictionary<long, (int Quorum, int Election)> members, IReadOnlySet<int> reserved)
    {
        foreach (var (from, _) in members)
        {
            foreach (var (to, ports) in members.Where(m => m.Key != from))
            {
                _links[(from, to)] = (new LinkProxy(from, to, election: false, new IPEndPoint(IPAddress.Loopback, ports.Quorum), reserved),
                    new LinkProxy(from, to, election: true, new IPEndPoint(IPAddress.Loopback, ports.Election), reserved));
            }
        }
        // A member that dials another announces the proxy the other would dial it back through.
        foreach (var ((from, to), link) in _links)
        {
            link.Election.AnnounceAs = "127.0.0.1:" + _links[(to, from)].Election.Port.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The server.N address (host:quorumPort:electionPort) that member <paramref name="from"/> uses for <paramref name="to"/>.</summary>
    public string AddressOf(long from, long to)
    {
        var link = _links[(from, to)];
        return string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{link.Quorum.Port}:{link.Election.Port}");
    }

    /// <summary>Connections the proxies between the two members have accepted, both directions and both ports.</summary>
    public int AcceptedBetween(long a, long b) =>
        new[] { _links[(a, b)], _links[(b, a)] }.Sum(l => l.Quorum.Accepted + l.Election.Accepted);

    /// <summary>Cuts both directions between <paramref name="a"/> and <paramref name="b"/>.</summary>
    public void Cut(long a, long b)
    {
        foreach (var proxy in Proxies(a, b))
        {
            proxy.Cut();
        }
    }

    /// <summary>Cuts every link of <paramref name="id"/>: it is alone, the others still see each other.</summary>
    public void Isolate(long id)
    {
        foreach (var other in _links.Keys.Where(k => k.From == id).Select(k => k.To))
        {
            Cut(id, other);
        }
    }

    /// <summary>Cuts every link between a member of <paramref name="side"/> and a member of <paramref name="otherSide"/>.</summary>
    public void Split(IEnumerable<long> side, IEnumerable<long> otherSide)
    {
        var others = otherSide.ToList();
        foreach (var a in side)
        {
            foreach (var b in others)
            {
                Cut(a, b);
            }
        }
    }

    /// <summary>Heals every link.</summary>
    public void HealAll()
    {
        foreach (var (quorum, election) in _links.Values)
        {
            quorum.Heal();
            election.Heal();
        }
    }

    /// <summary>Which member pairs are cut, for failure messages.</summary>
    public string Describe() =>
        string.Join(", ", _links.Where(l => l.Key.From < l.Key.To && l.Value.Quorum.IsCut).Select(l => $"{l.Key.From}-x-{l.Key.To}")) is { Length: > 0 } cuts
            ? "cut: " + cuts : "no link cut";

    private IEnumerable<LinkProxy> Proxies(long a, long b) =>
        [_links[(a, b)].Quorum, _links[(a, b)].Election, _links[(b, a)].Quorum, _links[(b, a)].Election];

    public async ValueTask DisposeAsync()
    {
        foreach (var (quorum, election) in _links.Values)
        {
            await quorum.DisposeAsync();
            await election.DisposeAsync();
        }
    }
}
