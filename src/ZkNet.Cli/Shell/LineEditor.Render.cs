using System.Text;

namespace ZkNet.Cli.Shell;

/// <summary>
/// Drawing the line. The prompt and the text are one run of characters that the terminal wraps at its width, so
/// the editor keeps the row (below the prompt's row) where it left the cursor, and each redraw goes back up to the
/// prompt's row, clears to the end of the screen and writes prompt and text once; the old editor returned to the
/// start of the current row only, and so reprinted the prompt on every wrapped row. A terminal that has just filled
/// its last column keeps the cursor there until the next character (a deferred wrap); a redraw that ends exactly at
/// the width moves to the next row itself so the row arithmetic holds. One column per character: znode paths and
/// commands are ASCII in practice.
/// </summary>
internal sealed partial class LineEditor
{
    private const string Escape = "\u001b[";

    /// <summary>The cursor's row, counted from the prompt's row, as the last redraw left it.</summary>
    private int _row;

    private int Width => _width() is > 0 and var width ? width : 80;

    private void Render()
    {
        var width = Width;
        var output = new StringBuilder();
        if (_row > 0)
        {
            output.Append(Escape).Append(_row).Append('A');
        }
        output.Append('\r').Append(Escape).Append('J').Append(_prompt).Append(_line);
        var end = _prompt.Length + _line.Length;
        if (end > 0 && end % width == 0)
        {
            output.Append("\n\r");
        }
        var endRow = end / width;
        var target = _prompt.Length + _cursor;
        var (targetRow, targetColumn) = (target / width, target % width);
        if (endRow > targetRow)
        {
            output.Append(Escape).Append(endRow - targetRow).Append('A');
        }
        output.Append('\r');
        if (targetColumn > 0)
        {
            output.Append(Escape).Append(targetColumn).Append('C');
        }
        _row = targetRow;
        _out.Write(output.ToString());
        _out.Flush();
    }

    /// <summary>Moves to the start of the row below the line's last row (after Enter, or before listing completions).</summary>
    private void MoveBelow()
    {
        var lastRow = (_prompt.Length + _line.Length) / Width;
        if (lastRow > _row)
        {
            _out.Write($"{Escape}{lastRow - _row}B");
        }
        _out.Write("\r\n");
        _out.Flush();
        _row = 0;
    }

    /// <summary>Writes <paramref name="text"/> on the rows below the line, then draws prompt and line again under it.</summary>
    private void ShowBelow(string text)
    {
        MoveBelow();
        _out.Write(text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n");
        Render();
    }
}
