using System.Net;

namespace ZkNet.Server.Auth;

/// <summary>
/// The "ip" scheme: every client is known by its address; ACL ids are an address or address/bits (CIDR).
/// </summary>
public static class IpAuthenticationProvider
{
    /// <summary>The scheme name.</summary>
    public const string Scheme = "ip";

    /// <summary>Whether an ACL id is an address with an optional prefix length.</summary>
    public static bool IsValid(string id) => TryParse(id, out _, out _);

    /// <summary>Whether the client address <paramref name="clientId"/> falls within the ACL id <paramref name="aclId"/>.</summary>
    public static bool Matches(string clientId, string aclId)
    {
        if (!TryParse(aclId, out var network, out var bits) || !IPAddress.TryParse(clientId, out var client))
        {
            return false;
        }
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }
        var networkBytes = network.GetAddressBytes();
        var clientBytes = client.GetAddressBytes();
        if (networkBytes.Length != clientBytes.Length)
        {
            return false;
        }
        for (var i = 0; i < networkBytes.Length; i++)
        {
            var maskBits = Math.Clamp(bits - (i * 8), 0, 8);
            var mask = (byte)(0xFF << (8 - maskBits));
            if ((networkBytes[i] & mask) != (clientBytes[i] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryParse(string id, out IPAddress address, out int bits)
    {
        bits = 0;
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? id : id[..slash];
        if (!IPAddress.TryParse(addressPart, out address!) || (addressPart.Contains(':', StringComparison.Ordinal) == false && addressPart.Count(c => c == '.') != 3))
        {
            address = IPAddress.None;
            return false;
        }
        var maxBits = address.GetAddressBytes().Length * 8;
        if (slash < 0)
        {
            bits = maxBits;
            return true;
        }
        return int.TryParse(id.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out bits) && bits >= 0 && bits <= maxBits;
    }
}
