using System.Globalization;

namespace ZkNet.Client.Internal;

/// <summary>
/// A parsed connect string, "host1:port1,host2:port2[/chroot]" as ZooKeeper's ConnectStringParser reads it:
/// the port defaults to 2181, IPv6 literals are bracketed ("[::1]:2181"), and the chroot is everything from the
/// first '/' on ("/" alone means none).
/// </summary>
internal sealed class ConnectString
{
    /// <summary>ZooKeeper's default client port.</summary>
    public const int DefaultPort = 2181;

    private ConnectString(IReadOnlyList<(string Host, int Port)> hosts, string? chroot)
    {
        Hosts = hosts;
        Chroot = chroot;
    }

    /// <summary>The servers, in the order written.</summary>
    public IReadOnlyList<(string Host, int Port)> Hosts { get; }

    /// <summary>The chroot, or null.</summary>
    public string? Chroot { get; }

    /// <summary>Parses a connect string; throws <see cref="ArgumentException"/> when it is malformed.</summary>
    public static ConnectString Parse(string connectString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectString);
        var text = connectString.Trim();
        string? chroot = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            chroot = text[slash..];
            text = text[..slash];
            if (chroot == "/")
            {
                chroot = null;
            }
            else
            {
                PathValidation.Validate(chroot, paramName: nameof(connectString));
            }
        }
        var hosts = new List<(string, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            hosts.Add(ParseHost(part, connectString));
        }
        if (hosts.Count == 0)
        {
            throw new ArgumentException($"Connect string \"{connectString}\" names no server", nameof(connectString));
        }
        return new ConnectString(hosts, chroot);
    }

    private static (string Host, int Port) ParseHost(string part, string whole)
    {
        string host;
        string? port = null;
        if (part.StartsWith('['))
        {
            var close = part.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new ArgumentException($"Unclosed IPv6 literal in \"{whole}\"", nameof(whole));
            }
            host = part[1..close];
            var rest = part[(close + 1)..];
            if (rest.Length > 0)
            {
                port = rest.StartsWith(':') ? rest[1..] : throw new ArgumentException($"Bad server \"{part}\" in \"{whole}\"", nameof(whole));
            }
        }
        else
        {
            var colon = part.LastIndexOf(':');
            host = colon >= 0 ? part[..colon] : part;
            port = colon >= 0 ? part[(colon + 1)..] : null;
        }
        if (host.Length == 0)
        {
            throw new ArgumentException($"Empty host in \"{whole}\"", nameof(whole));
        }
        if (port is null)
        {
            return (host, DefaultPort);
        }
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is <= 0 or > 65535)
        {
            throw new ArgumentException($"Bad port \"{port}\" in \"{whole}\"", nameof(whole));
        }
        return (host, number);
    }
}
