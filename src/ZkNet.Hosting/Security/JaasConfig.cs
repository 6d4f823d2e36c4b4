using System.Text;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Hosting.Security;

/// <summary>
/// The part of a JAAS login configuration file (java.security.auth.login.config) a ZooKeeper server reads for
/// DIGEST-MD5: the named section's DigestLoginModule entry and its options, user_NAME="password" for a server's
/// section (Server, QuorumServer), username and password for a quorum learner's (QuorumLearner). A section that
/// logs in with Kerberos (Krb5LoginModule) is refused: ZkNet does not implement GSSAPI.
/// </summary>
public static class JaasConfig
{
    private const string DigestModule = "org.apache.zookeeper.server.auth.DigestLoginModule";

    /// <summary>The users (name to password) of <paramref name="section"/> in the file <paramref name="path"/>.</summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed, lacks the section, or uses another login module.</exception>
    public static IReadOnlyDictionary<string, string> ReadUsers(string path, string section)
    {
        var users = Users(ReadOptions(path, section));
        return users.Count > 0 ? users
            : throw new ConfigException(Key, null, $"{path}: section {section} names no user_NAME=\"password\" entry");
    }

    /// <summary>The user_NAME="password" entries of a section's options (name to password).</summary>
    public static IReadOnlyDictionary<string, string> Users(IReadOnlyDictionary<string, string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Where(o => o.Key.StartsWith(UserPrefix, StringComparison.Ordinal))
            .ToDictionary(o => o.Key[UserPrefix.Length..], o => o.Value, StringComparer.Ordinal);
    }

    /// <summary>Whether the file <paramref name="path"/> has a section named <paramref name="section"/>.</summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed.</exception>
    public static bool HasSection(string path, string section) => FindSection(Tokenize(ReadFile(path), path), section) >= 0;

    /// <summary>
    /// Every option (name to value) of the DigestLoginModule entries of <paramref name="section"/> in the file
    /// <paramref name="path"/>: user_NAME entries for a server section, username and password for a learner's.
    /// </summary>
    /// <exception cref="ConfigException">The file cannot be read or parsed, lacks the section, or uses another login module (Kerberos).</exception>
    public static IReadOnlyDictionary<string, string> ReadOptions(string path, string section)
    {
        var tokens = Tokenize(ReadFile(path), path);
        var j = FindSection(tokens, section);
        if (j < 0)
        {
            throw new ConfigException(Key, null, $"{path} has no section {section} {{ ... }}: add one with {DigestModule}");
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        j += 2;
        while (j < tokens.Count && tokens[j] != "}")
        {
            var module = tokens[j];
            if (module != DigestModule)
            {
                throw new ConfigException(Key, null, $"{path}: section {section} uses {module}; " +
                    $"ZkNet supports SASL DIGEST-MD5 only ({DigestModule} with user_NAME=\"password\" entries), not Kerberos");
            }
            j += 2; // the module and its flag (required)
            while (j + 2 < tokens.Count && tokens[j] != ";" && tokens[j + 1] == "=")
            {
                options[tokens[j]] = tokens[j + 2];
                j += 3;
            }
            j++; // ;
        }
        return options;
    }

    private const string Key = "java.security.auth.login.config";
    private const string UserPrefix = "user_";

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(Key, null, $"cannot read the JAAS file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>The index of the section's name token (its "{" follows), or -1.</summary>
    private static int FindSection(List<string> tokens, string section)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i] == section && tokens[i + 1] == "{")
            {
                return i;
            }
        }
        return -1;
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
                    throw new ConfigException(Key, null, $"{path}: a quoted value is not closed");
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
