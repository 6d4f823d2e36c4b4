using System.Globalization;
using System.Text.RegularExpressions;

namespace ZkNet.Cli.Tests.Support;

/// <summary>
/// Parses the node blocks of SnapshotFormatter-shaped output (ZooKeeper's and ours): "----", the path, then
/// "  name = value" lines. Zxids and owners become numbers (ZooKeeper pads them, we do not); times become the
/// second they fall in (ZooKeeper prints Date.toString, which has no milliseconds).
/// </summary>
public static partial class FormatterOutput
{
    public static Dictionary<string, Dictionary<string, string>> Nodes(string output)
    {
        var nodes = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith('/'))
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                nodes.Add(line, current);
            }
            else if (current is not null && FieldLine().Match(line) is { Success: true } m)
            {
                current[m.Groups[1].Value] = Normalize(m.Groups[1].Value, m.Groups[2].Value);
            }
            else if (!line.StartsWith("  ", StringComparison.Ordinal))
            {
                current = null;
            }
        }
        return nodes;
    }

    /// <summary>The rows under "Session Details (sid, timeout, ephemeralCount):" as (sid, timeout, count).</summary>
    public static HashSet<(long, int, int)> Sessions(string output)
    {
        var rows = new HashSet<(long, int, int)>();
        var inSessions = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Session Details", StringComparison.Ordinal))
            {
                inSessions = true;
                continue;
            }
            if (inSessions && SessionLine().Match(line) is { Success: true } m)
            {
                rows.Add((Convert.ToInt64(m.Groups[1].Value, 16), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                    int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
            }
            else
            {
                inSessions = false;
            }
        }
        return rows;
    }

    /// <summary>The value after "Last zxid: 0x".</summary>
    public static long LastZxid(string output) => Convert.ToInt64(LastZxidLine().Match(output).Groups[1].Value, 16);

    private static string Normalize(string name, string value)
    {
        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            // Our owner line may add "(container)" or "(ttl N ms)".
            var hex = value[2..].Split(' ')[0];
            return Convert.ToInt64(hex, 16).ToString(CultureInfo.InvariantCulture);
        }
        if (name is "ctime" or "mtime")
        {
            var ours = DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t);
            if (!ours)
            {
                // Java's Date.toString in the UTC zone: "Sat Nov 21 23:15:40 UTC 2026".
                t = DateTime.ParseExact(value, "ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            }
            return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        }
        return value;
    }

    [GeneratedRegex(@"^  (\w+) = (.*)$")]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^0x([0-9a-f]+), (\d+), (\d+)$")]
    private static partial Regex SessionLine();

    [GeneratedRegex(@"Last zxid: 0x([0-9a-f]+)")]
    private static partial Regex LastZxidLine();
}
