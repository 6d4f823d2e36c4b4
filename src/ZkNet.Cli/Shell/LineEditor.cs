using System.Text;

namespace ZkNet.Cli.Shell;

/// <summary>
/// Minimal line editing for a terminal: left/right, home/end, backspace/delete, up/down through the history,
/// and Tab to complete a command name. Nothing fancier: it is a prompt for operators, not an editor.
/// </summary>
internal sealed class LineEditor(Func<IReadOnlyList<string>> history, Func<IEnumerable<string>> commandNames)
{
    /// <summary>Reads one line after printing <paramref name="prompt"/>; null at end of input (Ctrl-D on an empty line).</summary>
    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        var line = new StringBuilder();
        var cursor = 0;
        var lines = history();
        var historyIndex = lines.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when historyIndex > 0:
                    Replace(line, lines[--historyIndex], ref cursor);
                    break;
                case ConsoleKey.DownArrow when historyIndex < lines.Count:
                    historyIndex++;
                    Replace(line, historyIndex < lines.Count ? lines[historyIndex] : "", ref cursor);
                    break;
                case ConsoleKey.Tab:
                    Complete(line, ref cursor);
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Insert(cursor++, key.KeyChar);
                    }
                    break;
            }
            Redraw(prompt, line, cursor);
        }
    }

    private static void Replace(StringBuilder line, string text, ref int cursor)
    {
        line.Clear().Append(text);
        cursor = line.Length;
    }

    /// <summary>Completes the first word to the longest prefix the matching command names share; lists them when several match.</summary>
    private void Complete(StringBuilder line, ref int cursor)
    {
        var text = line.ToString();
        if (text.Contains(' ', StringComparison.Ordinal))
        {
            return;
        }
        var matches = commandNames().Where(n => n.StartsWith(text, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        if (matches.Count == 0)
        {
            return;
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
        if (matches.Count == 1)
        {
            common += " ";
        }
        else if (common.Length == text.Length)
        {
            Console.WriteLine();
            Console.WriteLine(string.Join("  ", matches));
        }
        Replace(line, common, ref cursor);
    }

    private static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        // Return to the start of the line, rewrite it, blank what a longer old line left, then place the cursor.
        Console.Write("\r" + prompt + line + " \u001b[K");
        Console.Write("\r" + prompt + line.ToString(0, cursor));
    }
}
