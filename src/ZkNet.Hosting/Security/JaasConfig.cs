using System.Text;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Security;

/// <summary>
/// The part of a JAAS login configuration file (java.security.auth.login.config) a ZooKeeper server reads for
/// DIGEST-MD5: the named section's DigestLoginModule entry and its user_NAME="password" options. A section that
/// logs in with Kerberos (Krb5LoginModule) is refused: ZkNet does not implement GSSAPI.
/// </summary>
public static class JaasConfig
{
    private const string DigestModule = "org.apache.zookeeper.server.auth.DigestLoginModule";

    /// <summary>The users (name to password) of <paramref name="section"/> in the file <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed, lacks the section, or uses another login module.</exception>
    public static IReadOnlyDictionary<string, string> ReadUsers(string path, string section)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException("java.security.auth.login.config", null, $"cannot read the JAAS file {path}: {ex.Message}", ex);
        }
        var tokens = Tokenize(text, path);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] != section || tokens[i + 1] != "{")
            {
                continue;
            }
            var users = new Dictionary<string, string>(StringComparer.Ordinal);
            var j = i + 2;
            while (j < tokens.Count && tokens[j] != "}")
            {
                var module = tokens[j];
                if (module != DigestModule)
                {
                    throw new ConfigException("java.security.auth.login.config", null, $"{path}: section {section} uses {module}; " +
                        $"ZkNet supports SASL DIGEST-MD5 only ({DigestModule} with user_NAME=\"password\" entries), not Kerberos");
                }
                j += 2; // the module and its flag (required)
                while (j + 2 < tokens.Count && tokens[j] != ";" && tokens[j + 1] == "=")
                {
                    if (tokens[j].StartsWith("user_", StringComparison.Ordinal))
                    {
                        users[tokens[j]["user_".Length..]] = tokens[j + 2];
                    }
                    j += 3;
                }
                j++; // ;
            }
            return users.Count > 0 ? users
                : throw new ConfigException("java.security.auth.login.config", null, $"{path}: section {section} names no user_NAME=\"password\" entry");
        }
        throw new ConfigException("java.security.auth.login.config", null, $"{path} has no section {section} {{ ... }}: add one with {DigestModule}");
    }

    private static List<string> Tokenize(string text, string path)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/' || c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c is '{' or '}' or ';' or '=')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else if (c == '"')
            {
                var value = new StringBuilder();
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }
                if (i >= text.Length)
                {
                    throw new ConfigException("java.security.auth.login.config", null, $"{path}: a quoted value is not closed");
                }
                tokens.Add(value.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('{' or '}' or ';' or '=' or '"'))
                {
                    i++;
                }
                tokens.Add(text[start..i]);
            }
        }
        return tokens;
    }
}
