using System.Text;

namespace ZkNet.Server.Auth.Sasl;

/// <summary>The name=value lists of DIGEST-MD5 (RFC 2831 section 7.1): values are tokens or quoted strings with backslash escapes.</summary>
internal static class DigestDirectives
{
    /// <exception cref="SaslException">The text is not such a list, or names a directive twice.</exception>
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }
            if (i == text.Length)
            {
                break;
            }
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                throw new SaslException($"malformed DIGEST-MD5 directive at offset {i}");
            }
            var name = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }
                    value.Append(text[i++]);
                }
                if (i == text.Length)
                {
                    throw new SaslException($"unterminated quoted value of {name}");
                }
                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i++]);
                }
            }
            if (!result.TryAdd(name, value.ToString().Trim()))
            {
                throw new SaslException($"DIGEST-MD5 directive {name} appears twice");
            }
        }
        return result;
    }
}
