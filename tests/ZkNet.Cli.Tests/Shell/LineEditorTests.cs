using ZkNet.Cli.Shell;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>The line editor on scripted keys, without a terminal (InteractiveShellTests drive it in a real one).</summary>
public sealed class LineEditorTests
{
    private static readonly IReadOnlyList<string> History = ["create /a 1", "ls /", "get /a"];

    [Theory]
    [InlineData("abc def^W", "abc ")]
    [InlineData("abc def^A^K", "")]
    [InlineData("abc def^U", "")]
    [InlineData("bc^Aa^Ed", "abcd")]
    [InlineData("abc^A^D", "bc")]
    [InlineData("^Rcreate", "create /a 1")]
    [InlineData("^R/^R", "ls /")]
    [InlineData("x^Rzzz^G", "x")]
    [InlineData("^P^P", "ls /")]
    public void Keys_edit_the_line(string keys, string line)
    {
        var (result, _) = Read(keys + "\r", width: 80);

        Assert.Equal(line, result);
    }

    [Fact]
    public void Ctrl_d_on_an_empty_line_ends_the_input()
    {
        Assert.Null(Read("^D", width: 80).Line);
    }

    [Fact]
    public void A_wrapped_line_is_redrawn_from_the_prompts_row_and_the_prompt_is_written_once_per_redraw()
    {
        var (line, output) = Read("0123456789012345678^A\r", width: 10);

        Assert.Equal("0123456789012345678", line);
        // After the last key the cursor was on row 2 of the wrapped line (prompt "> " + 19 characters on 10
        // columns): Ctrl-A's redraw goes up two rows before rewriting, and every redraw writes the prompt once.
        Assert.Contains("\u001b[2A\r\u001b[J> 0123456789012345678", output, StringComparison.Ordinal);
        Assert.Equal(output.Split("\u001b[J").Length - 1, output.Split("> ").Length - 1);
    }

    private static (string? Line, string Output) Read(string keys, int width)
    {
        var queue = new Queue<ConsoleKeyInfo>(Keys(keys));
        using var output = new StringWriter();
        var completer = new PathCompleter(() => [], _ => null);
        var editor = new LineEditor(queue.Dequeue, output, () => width, () => History, completer);
        return (editor.ReadLine("> "), output.ToString());
    }

    /// <summary>Keys from text, with ^X for Ctrl-X as the ASCII control character.</summary>
    private static IEnumerable<ConsoleKeyInfo> Keys(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '^')
            {
                var letter = text[++i];
                yield return new ConsoleKeyInfo((char)(letter - '@'), ConsoleKey.A + (letter - 'A'), false, false, true);
            }
            else if (text[i] == '\r')
            {
                yield return new ConsoleKeyInfo('\r', ConsoleKey.Enter, false, false, false);
            }
            else
            {
                yield return new ConsoleKeyInfo(text[i], default, false, false, false);
            }
        }
    }
}
