using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ZkNet.Server.Auth;

/// <summary>
/// A distinguished name in RFC 2253's string form as Java's X500Principal.getName() produces it: the last RDN
/// first, "," between them with no space, the keywords Java knows (CN, C, L, ST, O, OU, STREET, DC, UID) and the
/// dotted OID with the value's DER bytes in hex for any other attribute.
/// </summary>
public static class Rfc2253Name
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["2.5.4.3"] = "CN", ["2.5.4.6"] = "C", ["2.5.4.7"] = "L", ["2.5.4.8"] = "ST", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU",
        ["2.5.4.9"] = "STREET", ["0.9.2342.19200300.100.1.25"] = "DC", ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    /// <summary>Formats <paramref name="name"/>.</summary>
    public static string Format(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder();
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: true))
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }
            var attributes = new AsnReader(rdn.RawData, AsnEncodingRules.DER).ReadSetOf();
            var first = true;
            while (attributes.HasData)
            {
                if (!first)
                {
                    sb.Append('+');
                }
                first = false;
                var attribute = attributes.ReadSequence();
                var oid = attribute.ReadObjectIdentifier();
                var value = attribute.PeekEncodedValue();
                if (Keywords.TryGetValue(oid, out var keyword) && TryReadString(value, out var text))
                {
                    sb.Append(keyword).Append('=');
                    Escape(sb, text);
                }
                else
                {
                    sb.Append(oid).Append("=#").Append(Convert.ToHexString(value.Span).ToLowerInvariant());
                }
            }
        }
        return sb.ToString();
    }

    private static bool TryReadString(ReadOnlyMemory<byte> value, out string text)
    {
        try
        {
            var reader = new AsnReader(value, AsnEncodingRules.BER);
            var tag = reader.PeekTag();
            text = reader.ReadCharacterString((UniversalTagNumber)tag.TagValue);
            return true;
        }
        catch (Exception ex) when (ex is AsnContentException or ArgumentException)
        {
            text = "";
            return false;
        }
    }

    private static void Escape(StringBuilder sb, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' || (i == 0 && c is '#' or ' ') || (i == value.Length - 1 && c == ' ');
            if (special)
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
    }
}
