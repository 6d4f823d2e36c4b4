using System.Globalization;

namespace ZkNet.Cli.Shell;

/// <summary>
/// <c>zknet cli -server host:port[,host:port][/chroot] [-timeout ms] [-r] [cmd args...]</c>: zkCli's command
/// line. With a command it runs that one and exits (non-zero when it failed) after closing its session; without
/// one it reads commands from the terminal (with a prompt, history and completion) or, when standard input is not
/// a terminal, one per line, exiting non-zero if any failed.
/// </summary>
internal static class CliCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = "localhost:2181";
        var timeoutMs = 30000;
        var readOnly = false;
        var i = 0;
        for (; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-server" or "--server" when i + 1 < args.Length:
                    server = args[++i];
                    break;
                case "-timeout" or "--timeout" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out timeoutMs):
                    i++;
                    break;
                case "-r" or "--readonly":
                    readOnly = true;
                    break;
                case "-h" or "--help":
                    Console.Error.WriteLine("usage: zknet cli -server host:port[,host:port][/chroot] [-timeout ms] [-r] [cmd args...]");
                    return 0;
                default:
                    goto done;
            }
        }
    done:
        var command = args[i..];
        await using var shell = new ZkShell(Console.Out, Console.Error, TimeSpan.FromMilliseconds(timeoutMs), readOnly);
        if (command.Length > 0)
        {
            // One-shot: only the command's own output, no connection events.
            shell.PrintStateEvents = false;
            if (!await shell.ConnectAsync(server).ConfigureAwait(false))
            {
                return 1;
            }
            return await shell.ExecuteLineAsync(string.Join(' ', command.Select(Quote))).ConfigureAwait(false) ? 0 : 1;
        }
        var interactive = !Console.IsInputRedirected;
        if (interactive)
        {
            Console.Out.WriteLine($"Connecting to {server}");
        }
        var ok = await shell.ConnectAsync(server).ConfigureAwait(false);
        if (interactive)
        {
            Console.Out.WriteLine("Welcome to ZkNet!");
            var editor = new LineEditor(() => shell.History, () => shell.CommandNames);
            while (!shell.QuitRequested && editor.ReadLine(shell.Prompt) is { } line)
            {
                await shell.ExecuteLineAsync(line).ConfigureAwait(false);
            }
            return 0;
        }
        while (!shell.QuitRequested && await Console.In.ReadLineAsync().ConfigureAwait(false) is { } piped)
        {
            ok &= await shell.ExecuteLineAsync(piped).ConfigureAwait(false);
        }
        return ok ? 0 : 1;
    }

    /// <summary>Re-quotes an argument the shell already split, so "hello world" stays one word.</summary>
    private static string Quote(string word) =>
        word.Length == 0 || word.Any(char.IsWhiteSpace) ? (word.Contains('"', StringComparison.Ordinal) ? $"'{word}'" : $"\"{word}\"") : word;
}
