using System.Text.RegularExpressions;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// Makes two transcripts comparable: dates, zxids, session ids and the script's root node vary from run to run;
/// banners, logging, connection-state events and the version line differ by design. Watch events arrive on
/// another thread, so they are taken out of the sequence and compared as a sorted list.
/// </summary>
internal static partial class TranscriptNormalizer
{
    public static (List<string> Lines, List<string> Events) Normalize(string text, string root)
    {
        var lines = new List<string>();
        var events = new List<string>();
        foreach (var raw in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Replace(root, "/ROOT", StringComparison.Ordinal);
            if (line.Length == 0 || line == "WATCHER::" || Noise().IsMatch(line))
            {
                continue;
            }
            if (line.StartsWith("WatchedEvent ", StringComparison.Ordinal))
            {
                if (!line.Contains("type:None", StringComparison.Ordinal))
                {
                    events.Add(line);
                }
                continue;
            }
            line = JavaDate().Replace(line, "DATE");
            line = Zxid().Replace(line, "$1 = 0xZXID");
            line = Session().Replace(line, "ephemeralOwner = 0xSESSION");
            lines.Add(line);
        }
        events.Sort(StringComparer.Ordinal);
        return (lines, events);
    }

    [GeneratedRegex(@"^(Connecting to |Welcome to |JLine support|SLF4J|ZooKeeper CLI version|ZkNet CLI version|\[.*\] (INFO|WARN))|\bINFO\b")]
    private static partial Regex Noise();

    [GeneratedRegex(@"[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \S+ \d{4}")]
    private static partial Regex JavaDate();

    [GeneratedRegex(@"^(cZxid|mZxid|pZxid) = 0x[0-9a-f]+")]
    private static partial Regex Zxid();

    [GeneratedRegex(@"^ephemeralOwner = 0x[1-9a-f][0-9a-f]*")]
    private static partial Regex Session();
}
