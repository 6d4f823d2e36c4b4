namespace ZkNet.Cli.Shell;

/// <summary>
/// Tab completion: the first word against the command names, a word starting with '/' against the children of its
/// parent znode (read from the server as Tab is pressed). A single match is completed whole, followed by a space when
/// it has no children; one with children gets nothing after it (as with zkCli's completer: a path must not end in '/',
/// so the operator types the '/' to go on down); several matches are completed as far as they agree, and listed when
/// they agree no further.
/// </summary>
internal sealed class PathCompleter(Func<IEnumerable<string>> commandNames, Func<string, IReadOnlyList<string>?> childrenOf)
{
    /// <summary>The line and cursor after completing, and the candidates (names, without their parent path).</summary>
    public sealed record Completion(string Line, int Cursor, IReadOnlyList<string> Candidates);

    public Completion Complete(string line, int cursor)
    {
        var start = cursor;
        while (start > 0 && !char.IsWhiteSpace(line[start - 1]))
        {
            start--;
        }
        var word = line[start..cursor];
        if (string.IsNullOrWhiteSpace(line[..start]))
        {
            var names = commandNames().Where(n => n.StartsWith(word, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            return Insert(line, cursor, word, names, _ => " ");
        }
        if (!word.StartsWith('/'))
        {
            return new Completion(line, cursor, []);
        }
        var slash = word.LastIndexOf('/');
        var parent = slash == 0 ? "/" : word[..slash];
        var prefix = word[(slash + 1)..];
        var children = childrenOf(parent);
        if (children is null)
        {
            return new Completion(line, cursor, []);
        }
        var matches = children.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return Insert(line, cursor, prefix, matches,
            single => childrenOf((parent == "/" ? "/" : parent + "/") + single) is { Count: > 0 } ? "" : " ");
    }

    /// <summary>Inserts what the matches share beyond <paramref name="typed"/> at the cursor (and the suffix when one matches).</summary>
    private static Completion Insert(string line, int cursor, string typed, List<string> matches, Func<string, string> suffixOfSingle)
    {
        if (matches.Count == 0)
        {
            return new Completion(line, cursor, matches);
        }
        var common = matches[0];
        foreach (var match in matches)
        {
            var length = 0;
            while (length < common.Length && length < match.Length && common[length] == match[length])
            {
                length++;
            }
            common = common[..length];
        }
        var insert = common[typed.Length..] + (matches.Count == 1 ? suffixOfSingle(matches[0]) : "");
        return new Completion(line[..cursor] + insert + line[cursor..], cursor + insert.Length, matches);
    }
}
