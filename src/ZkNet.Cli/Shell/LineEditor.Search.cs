namespace ZkNet.Cli.Shell;

/// <summary>
/// Ctrl-R: readline's reverse incremental search through the history. The prompt becomes
/// <c>(reverse-i-search)`QUERY': </c> followed by the newest earlier line that contains the query; typing narrows it,
/// Backspace widens it, Ctrl-R again steps to the next older match, Enter runs the match, Ctrl-G or Escape gives the
/// original line back, and any other key takes the match onto the line and then acts as usual.
/// </summary>
internal sealed partial class LineEditor
{
    /// <summary>Runs a search; the line to run when it ended with Enter, else null (the editor goes on with the line).</summary>
    private string? Search(IReadOnlyList<string> lines)
    {
        var prompt = _prompt;
        var original = _line.ToString();
        var originalCursor = _cursor;
        var query = "";
        var index = lines.Count;
        string? match = null;
        while (true)
        {
            _prompt = $"(reverse-i-search)`{query}': ";
            _line.Clear().Append(match ?? "");
            _cursor = match is null ? 0 : Math.Max(0, match.IndexOf(query, StringComparison.Ordinal));
            Render();
            var key = _readKey();
            if (IsControl(key, ConsoleKey.R, '\x12'))
            {
                if (Find(lines, query, index - 1) is { Match: not null } older)
                {
                    (index, match) = older;
                }
                continue;
            }
            if (key.Key == ConsoleKey.Backspace || key.KeyChar is '\b' or '\x7f')
            {
                query = query.Length > 0 ? query[..^1] : query;
                (index, match) = Find(lines, query, lines.Count - 1);
                continue;
            }
            if (!key.Modifiers.HasFlag(ConsoleModifiers.Control) && !char.IsControl(key.KeyChar) && key.Key != ConsoleKey.Tab)
            {
                query += key.KeyChar;
                // Narrowing keeps the current match when it still contains the query.
                (index, match) = Find(lines, query, Math.Min(index, lines.Count - 1));
                continue;
            }
            _prompt = prompt;
            if (IsControl(key, ConsoleKey.G, '\x07') || key.Key == ConsoleKey.Escape)
            {
                _line.Clear().Append(original);
                _cursor = originalCursor;
                Render();
                return null;
            }
            _line.Clear().Append(match ?? original);
            _cursor = match is null ? originalCursor : _cursor;
            if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n')
            {
                return _line.ToString();
            }
            var historyIndex = index;
            if (Edit(key, lines, ref historyIndex) == EditResult.Accept)
            {
                return _line.ToString();
            }
            return null;
        }
    }

    /// <summary>The newest line at or before <paramref name="from"/> that contains <paramref name="query"/>.</summary>
    private static (int Index, string? Match) Find(IReadOnlyList<string> lines, string query, int from)
    {
        for (var i = from; i >= 0; i--)
        {
            if (lines[i].Contains(query, StringComparison.Ordinal))
            {
                return (i, lines[i]);
            }
        }
        return (lines.Count, null);
    }
}
