using System.Text;

namespace ZkNet.Cli.Shell;

/// <summary>
/// Line editing for the interactive shell, with the keys of readline (and of zkCli's JLine): left/right, Home/End
/// and Ctrl-A/Ctrl-E, Backspace/Delete, Ctrl-U (delete to the start), Ctrl-K (to the end), Ctrl-W (the word before
/// the cursor), Ctrl-D (delete, or end of input on an empty line), Ctrl-L (clear the screen), up/down and
/// Ctrl-P/Ctrl-N through the history, Ctrl-R to search it (LineEditor.Search.cs), Tab to complete a command name or a
/// znode path (<see cref="PathCompleter"/>). A line longer than the terminal wraps onto the rows below and is
/// redrawn as a whole (LineEditor.Render.cs). Ctrl-C is not a key here: it interrupts the process (CliCommand).
/// </summary>
internal sealed partial class LineEditor
{
    private readonly Func<ConsoleKeyInfo> _readKey;
    private readonly TextWriter _out;
    private readonly Func<int> _width;
    private readonly Func<IReadOnlyList<string>> _history;
    private readonly PathCompleter _completer;
    private readonly StringBuilder _line = new();
    private string _prompt = "";
    private int _cursor;

    public LineEditor(Func<IReadOnlyList<string>> history, PathCompleter completer)
        : this(() => Console.ReadKey(intercept: true), Console.Out, TerminalWidth, history, completer)
    {
    }

    /// <summary>The terminal's width, or 0 (taken as 80) when output goes elsewhere and the width cannot be had.</summary>
    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>An editor on given keys and output (tests drive it without a terminal).</summary>
    internal LineEditor(Func<ConsoleKeyInfo> readKey, TextWriter output, Func<int> width, Func<IReadOnlyList<string>> history, PathCompleter completer)
    {
        _readKey = readKey;
        _out = output;
        _width = width;
        _history = history;
        _completer = completer;
    }

    /// <summary>Reads one line after printing <paramref name="prompt"/>; null at end of input (Ctrl-D on an empty line).</summary>
    public string? ReadLine(string prompt)
    {
        _prompt = prompt;
        _line.Clear();
        _cursor = 0;
        _row = 0;
        var lines = _history();
        var historyIndex = lines.Count;
        Render();
        while (true)
        {
            var key = _readKey();
            if (IsControl(key, ConsoleKey.R, '\x12'))
            {
                if (Search(lines) is { } accepted)
                {
                    return Accept(accepted);
                }
                continue;
            }
            switch (Edit(key, lines, ref historyIndex))
            {
                case EditResult.Accept:
                    return Accept(_line.ToString());
                case EditResult.EndOfInput:
                    _out.Write("\r\n");
                    _out.Flush();
                    return null;
            }
        }
    }

    private enum EditResult
    {
        Continue,
        Accept,
        EndOfInput,
    }

    /// <summary>Applies one key to the line and redraws it.</summary>
    private EditResult Edit(ConsoleKeyInfo key, IReadOnlyList<string> lines, ref int historyIndex)
    {
        if (key.Key == ConsoleKey.Enter || key.KeyChar is '\r' or '\n')
        {
            return EditResult.Accept;
        }
        if (IsControl(key, ConsoleKey.D, '\x04'))
        {
            if (_line.Length == 0)
            {
                return EditResult.EndOfInput;
            }
            DeleteRange(_cursor, Math.Min(_line.Length, _cursor + 1));
        }
        else if (key.Key == ConsoleKey.Home || IsControl(key, ConsoleKey.A, '\x01'))
        {
            _cursor = 0;
        }
        else if (key.Key == ConsoleKey.End || IsControl(key, ConsoleKey.E, '\x05'))
        {
            _cursor = _line.Length;
        }
        else if (key.Key == ConsoleKey.LeftArrow || IsControl(key, ConsoleKey.B, '\x02'))
        {
            _cursor = Math.Max(0, _cursor - 1);
        }
        else if (key.Key == ConsoleKey.RightArrow || IsControl(key, ConsoleKey.F, '\x06'))
        {
            _cursor = Math.Min(_line.Length, _cursor + 1);
        }
        else if (IsControl(key, ConsoleKey.U, '\x15'))
        {
            DeleteRange(0, _cursor);
        }
        else if (IsControl(key, ConsoleKey.K, '\x0b'))
        {
            DeleteRange(_cursor, _line.Length);
        }
        else if (IsControl(key, ConsoleKey.W, '\x17'))
        {
            DeleteRange(WordStartBefore(_cursor), _cursor);
        }
        else if (IsControl(key, ConsoleKey.L, '\x0c'))
        {
            _out.Write("\u001b[H\u001b[2J");
            _row = 0;
        }
        else if (key.Key == ConsoleKey.Backspace || key.KeyChar is '\b' or '\x7f')
        {
            DeleteRange(Math.Max(0, _cursor - 1), _cursor);
        }
        else if (key.Key == ConsoleKey.Delete)
        {
            DeleteRange(_cursor, Math.Min(_line.Length, _cursor + 1));
        }
        else if ((key.Key == ConsoleKey.UpArrow || IsControl(key, ConsoleKey.P, '\x10')) && historyIndex > 0)
        {
            SetLine(lines[--historyIndex]);
        }
        else if ((key.Key == ConsoleKey.DownArrow || IsControl(key, ConsoleKey.N, '\x0e')) && historyIndex < lines.Count)
        {
            historyIndex++;
            SetLine(historyIndex < lines.Count ? lines[historyIndex] : "");
        }
        else if (key.Key == ConsoleKey.Tab)
        {
            Complete();
        }
        else if (!key.Modifiers.HasFlag(ConsoleModifiers.Control) && !char.IsControl(key.KeyChar))
        {
            _line.Insert(_cursor++, key.KeyChar);
        }
        Render();
        return EditResult.Continue;
    }

    /// <summary>
    /// A control key as .NET reports it: on Unix ReadKey gives Ctrl-letter as that letter with the Control modifier,
    /// elsewhere (or for a redirected input) as the ASCII control character.
    /// </summary>
    private static bool IsControl(ConsoleKeyInfo key, ConsoleKey letter, char code) =>
        key.KeyChar == code || (key.Key == letter && key.Modifiers.HasFlag(ConsoleModifiers.Control));

    private void DeleteRange(int start, int end)
    {
        _line.Remove(start, end - start);
        _cursor = start;
    }

    private void SetLine(string text)
    {
        _line.Clear().Append(text);
        _cursor = _line.Length;
    }

    /// <summary>Where Ctrl-W's word starts: back over spaces, then back over the word (readline's unix-word-rubout).</summary>
    private int WordStartBefore(int position)
    {
        while (position > 0 && char.IsWhiteSpace(_line[position - 1]))
        {
            position--;
        }
        while (position > 0 && !char.IsWhiteSpace(_line[position - 1]))
        {
            position--;
        }
        return position;
    }

    private void Complete()
    {
        var completion = _completer.Complete(_line.ToString(), _cursor);
        if (completion.Candidates.Count > 1 && completion.Line == _line.ToString())
        {
            // Nothing more in common: list the choices under the line, then draw the line again below them.
            ShowBelow(string.Join("  ", completion.Candidates));
            return;
        }
        _line.Clear().Append(completion.Line);
        _cursor = completion.Cursor;
    }

    private string Accept(string line)
    {
        SetLine(line);
        Render();
        MoveBelow();
        return line;
    }
}
