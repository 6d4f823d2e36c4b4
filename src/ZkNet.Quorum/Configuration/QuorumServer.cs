using System.Globalization;

namespace ZkNet.Quorum.Configuration;

/// <summary>
/// One member of the ensemble as a <c>server.N</c> line names it (ZooKeeper's QuorumPeer.QuorumServer):
/// <c>host:quorumPort:electionPort[:participant|observer][;[clientHost:]clientPort]</c>. Only the first of several
/// <c>|</c>-separated addresses is used, as ZooKeeper does unless multiAddress.enabled is set.
/// </summary>
/// <param name="Id">The server id (sid), N of server.N.</param>
/// <param name="QuorumAddress">Where the member's leader accepts learners.</param>
/// <param name="ElectionAddress">Where the member accepts election connections.</param>
/// <param name="Type">Participant or observer.</param>
/// <param name="ClientAddress">The client address from the line's 3.5 syntax, if any.</param>
public sealed record QuorumServer(long Id, HostPort QuorumAddress, HostPort ElectionAddress, LearnerType Type, HostPort? ClientAddress)
{
    /// <summary>Parses the value of <c>server.<paramref name="id"/></c>.</summary>
    /// <exception cref="QuorumConfigException">ZooKeeper would refuse the line.</exception>
    public static QuorumServer Parse(long id, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var addresses = semicolon < 0 ? value : value[..semicolon];
        HostPort? client = null;
        if (semicolon >= 0)
        {
            client = ParseClient(id, value[(semicolon + 1)..].Trim());
        }
        var first = addresses.Split('|')[0].Trim();
        string host;
        string[] rest;
        if (first.StartsWith('['))
        {
            var close = first.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= first.Length || first[close + 1] != ':')
            {
                throw new QuorumConfigException($"{first} does not have the form [host]:port:port for server.{id}");
            }
            host = first[1..close];
            rest = first[(close + 2)..].Split(':');
        }
        else
        {
            var parts = first.Split(':');
            host = parts[0];
            rest = parts[1..];
        }
        if (host.Length == 0 || rest.Length < 1)
        {
            throw new QuorumConfigException($"{first} does not have the form host:port or host:port:port or host:port:port:type for server.{id}");
        }
        if (rest.Length < 2)
        {
            throw new QuorumConfigException($"Missing election port for server: {id}");
        }
        if (rest.Length > 3)
        {
            throw new QuorumConfigException($"{first} does not have the form host:port or host:port:port or host:port:port:type for server.{id}");
        }
        var type = LearnerType.Participant;
        if (rest.Length == 3)
        {
            type = rest[2].ToLowerInvariant() switch
            {
                "participant" => LearnerType.Participant,
                "observer" => LearnerType.Observer,
                _ => throw new QuorumConfigException($"Unrecognised peertype: {rest[2]}"),
            };
        }
        return new QuorumServer(id, new HostPort(host, Port(id, rest[0], "quorum")), new HostPort(host, Port(id, rest[1], "election")), type, client);
    }

    /// <summary>
    /// The line as ZooKeeper prints it in election notifications and config nodes:
    /// <c>host:quorumPort:electionPort:role[;clientHost:clientPort]</c>.
    /// </summary>
    public string ToConfigValue()
    {
        var role = Type == LearnerType.Observer ? "observer" : "participant";
        var text = $"{QuorumAddress}:{ElectionAddress.Port.ToString(CultureInfo.InvariantCulture)}:{role}";
        return ClientAddress is { } client ? $"{text};{client}" : text;
    }

    private static HostPort ParseClient(long id, string text)
    {
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            return new HostPort("0.0.0.0", Port(id, text, "client"));
        }
        return HostPort.TryParse(text) ?? throw new QuorumConfigException($"{text} does not have the form [clientHost:]clientPort for server.{id}");
    }

    private static int Port(long id, string text, string what) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new QuorumConfigException($"Invalid {what} port '{text}' for server.{id}");
}
