using System.Globalization;

namespace ZkNet.Quorum.Configuration;

/// <summary>A host (name or address; IPv6 without brackets) and a port, as zoo.cfg names them.</summary>
/// <param name="Host">The host name or address.</param>
/// <param name="Port">The port.</param>
public readonly record struct HostPort(string Host, int Port)
{
    /// <summary>host:port, with an IPv6 address in brackets (how ZooKeeper formats addresses on the wire).</summary>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses host:port ([v6]:port allowed); null when it is not of that form or the port is not a number.</summary>
    public static HostPort? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || close + 1 >= text.Length || text[close + 1] != ':')
            {
                return null;
            }
            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon <= 0)
            {
                return null;
            }
            host = text[..colon];
            port = text[(colon + 1)..];
        }
        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535
            ? new HostPort(host, number)
            : null;
    }
}
