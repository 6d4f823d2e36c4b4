using System.Globalization;
using System.Text;

namespace ZkNet.Hosting.Configuration;

/// <summary>
/// Reads text the way <c>java.util.Properties.load</c> does, since that is how ZooKeeper reads zoo.cfg: natural
/// lines ending in \n, \r or \r\n; blank lines and lines whose first non-blank character is '#' or '!' skipped;
/// a line ending in an odd number of backslashes continues on the next (whose leading blanks are dropped); the
/// key ends at the first unescaped '=', ':' or blank; escapes \t \n \r \f \uXXXX and \x (= x). Then ZooKeeper
/// trims key and value (Java's String.trim) and, for a repeated key, the last definition wins.
/// </summary>
public static class JavaProperties
{
    /// <summary>The entries of <paramref name="text"/> in the order of their last definition.</summary>
    public static IReadOnlyList<ConfigEntry> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var byKey = new Dictionary<string, ConfigEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (logical, line) in LogicalLines(text))
        {
            var (rawKey, rawValue) = Split(logical);
            var key = JavaTrim(Unescape(rawKey, line));
            var value = JavaTrim(Unescape(rawValue, line));
            if (byKey.ContainsKey(key))
            {
                order.Remove(key);
            }
            byKey[key] = new ConfigEntry(key, value, line);
            order.Add(key);
        }
        return order.Select(k => byKey[k]).ToList();
    }

    /// <summary>Java's String.trim: drops every character up to U+0020 from both ends.</summary>
    public static string JavaTrim(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && value[start] <= ' ')
        {
            start++;
        }
        while (end > start && value[end - 1] <= ' ')
        {
            end--;
        }
        return value[start..end];
    }

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\f';

    private static IEnumerable<(string Text, int Line)> LogicalLines(string text)
    {
        var lineNumber = 1;
        var pos = 0;
        var logical = new StringBuilder();
        var startLine = 0;
        var continuing = false;
        while (pos < text.Length || continuing)
        {
            var natural = ReadNaturalLine(text, ref pos, ref lineNumber, out var thisLine);
            var i = 0;
            while (i < natural.Length && IsBlank(natural[i]))
            {
                i++;
            }
            if (!continuing)
            {
                // A blank line or a comment line is skipped whole; a comment cannot be continued.
                if (i == natural.Length || natural[i] is '#' or '!')
                {
                    if (pos >= text.Length)
                    {
                        break;
                    }
                    continue;
                }
                logical.Clear();
                startLine = thisLine;
            }
            var content = natural[i..];
            var backslashes = 0;
            while (backslashes < content.Length && content[content.Length - 1 - backslashes] == '\\')
            {
                backslashes++;
            }
            // An odd run of trailing backslashes continues the line (the last one is dropped); an even run is escaped backslashes.
            continuing = backslashes % 2 == 1;
            logical.Append(continuing ? content[..^1] : content);
            if (continuing && pos >= text.Length)
            {
                continuing = false; // a continuation at the end of the file just ends the line
            }
            if (!continuing)
            {
                yield return (logical.ToString(), startLine);
            }
        }
    }

    private static string ReadNaturalLine(string text, ref int pos, ref int lineNumber, out int thisLine)
    {
        thisLine = lineNumber;
        var start = pos;
        while (pos < text.Length && text[pos] is not ('\n' or '\r'))
        {
            pos++;
        }
        var line = text[start..pos];
        if (pos < text.Length)
        {
            pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
            lineNumber++;
        }
        return line;
    }

    private static (string Key, string Value) Split(string logical)
    {
        var i = 0;
        var hasSeparator = false;
        var keyEnd = logical.Length;
        while (i < logical.Length)
        {
            var c = logical[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c is '=' or ':' || IsBlank(c))
            {
                keyEnd = i;
                hasSeparator = c is '=' or ':';
                i++;
                break;
            }
            i++;
        }
        keyEnd = Math.Min(keyEnd, logical.Length);
        // Blanks after the key are skipped, and so is one '=' or ':' if the key ended at a blank.
        while (i < logical.Length)
        {
            var c = logical[i];
            if (!IsBlank(c))
            {
                if (!hasSeparator && c is '=' or ':')
                {
                    hasSeparator = true;
                }
                else
                {
                    break;
                }
            }
            i++;
        }
        return (logical[..keyEnd], i < logical.Length ? logical[i..] : "");
    }

    private static string Unescape(string value, int line)
    {
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\' || i + 1 >= value.Length)
            {
                result.Append(c);
                continue;
            }
            c = value[++i];
            if (c == 'u')
            {
                if (value.Length - (i + 1) < 4 ||
                    !ushort.TryParse(value.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new ConfigException(null, line, "Malformed \\uxxxx encoding.");
                }
                result.Append((char)code);
                i += 4;
                continue;
            }
            result.Append(c switch { 't' => '\t', 'r' => '\r', 'n' => '\n', 'f' => '\f', _ => c });
        }
        return result.ToString();
    }
}
