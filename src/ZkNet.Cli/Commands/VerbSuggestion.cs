namespace ZkNet.Cli.Commands;

/// <summary>"did you mean": the verb (or subcommand) nearest to a mistyped one, by edit distance (at most 2, and less than half its length).</summary>
internal static class VerbSuggestion
{
    /// <summary>The candidate nearest to <paramref name="typed"/> (zknet's verbs when none are given), or null.</summary>
    public static string? Closest(string typed, IEnumerable<string>? candidates = null)
    {
        var lowered = typed.ToLowerInvariant();
        var best = (candidates ?? CommandLine.ZkNetCommandLine.VerbNames).Select(v => (Verb: v, Distance: Distance(lowered, v))).MinBy(c => c.Distance);
        return best.Distance <= Math.Min(2, Math.Max(1, (lowered.Length - 1) / 2)) ? best.Verb : null;
    }

    /// <summary>Levenshtein distance, with a swap of two neighbours counting as one edit (Damerau's optimal string alignment).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
