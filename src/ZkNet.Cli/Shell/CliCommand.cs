using System.CommandLine;
using System.Globalization;
using ZkNet.Cli.CommandLine;
using System.Runtime.InteropServices;
using ZkNet.Client;
using ZkNet.Hosting.Startup;

namespace ZkNet.Cli.Shell;

/// <summary>
/// <c>zknet cli -server host:port[,host:port][/chroot] [-timeout ms] [-r] [-client-configuration FILE] [cmd args...]</c>: zkCli's command
/// line. With a command it runs that one and exits (non-zero when it failed) after closing its session; without
/// one it reads commands from the terminal (with a prompt, history and completion) or, when standard input is not
/// a terminal, one per line, exiting non-zero if any failed.
/// </summary>
internal static class CliCommand
{
    /// <summary>
    /// zknet cli in the command tree, to be listed, suggested and completed with its options; its command line is
    /// zkCli's and never reaches the parser (Program hands it to <see cref="RunAsync"/> as it is).
    /// </summary>
    public static Command Describe() => new Verb("cli", Usage)
    {
        new Option<string>("-server", "--server"),
        new Option<string>("-timeout", "--timeout"),
        new Option<bool>("-r", "--readonly"),
        new Option<string>("-client-configuration", "--client-configuration"),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var server = "localhost:2181";
        var timeoutMs = 30000;
        var readOnly = false;
        string? clientConfiguration = null;
        var i = 0;
        for (; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-server" or "--server" when i + 1 < args.Length:
                    server = args[++i];
                    break;
                case "-timeout" or "--timeout":
                    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out timeoutMs) || timeoutMs <= 0)
                    {
                        return Fail($"{args[i]} needs a session timeout in milliseconds (a positive whole number), not " +
                            (i + 1 < args.Length ? $"'{args[i + 1]}'" : "nothing"));
                    }
                    i++;
                    break;
                case "-client-configuration" or "--client-configuration":
                    if (i + 1 >= args.Length)
                    {
                        return Fail($"{args[i]} needs a file: a Java properties file with zookeeper.client.secure and the zookeeper.ssl.* settings");
                    }
                    clientConfiguration = args[++i];
                    break;
                case "-r" or "--readonly":
                    readOnly = true;
                    break;
                case "-h" or "--help":
                    Console.Error.WriteLine(Usage);
                    return 0;
                default:
                    goto done;
            }
        }
    done:
        var command = args[i..];
        ZooKeeperTlsOptions? tls = null;
        try
        {
            tls = clientConfiguration is null ? null : ClientConfiguration.Load(clientConfiguration);
        }
        catch (StartupException ex)
        {
            return Fail(ex.Message, withUsage: false);
        }
        await using var shell = new ZkShell(Console.Out, Console.Error, TimeSpan.FromMilliseconds(timeoutMs), readOnly, tls);
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
            // Ctrl-C ends the shell as it ends zkCli, but closes the session first, so that its ephemerals and watches
            // go now rather than when the session expires. The key reader blocks in Console.ReadKey, so the signal's
            // handler does the closing and the exit (130, a shell's status for SIGINT).
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                _ = CloseAndExitAsync(shell);
            });
            var editor = new LineEditor(() => shell.History, new PathCompleter(() => shell.CommandNames, shell.ChildrenForCompletion));
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

    private static async Task CloseAndExitAsync(ZkShell shell)
    {
        Console.Out.WriteLine();
        try
        {
            await shell.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The server did not answer the close in time: exit anyway, the session will expire.
        }
        Environment.Exit(130);
    }

    private const string Usage =
        "usage: zknet cli -server host:port[,host:port][/chroot] [-timeout ms] [-r] [-client-configuration FILE] [cmd args...]";

    private static int Fail(string message, bool withUsage = true)
    {
        Console.Error.WriteLine("zknet cli: " + message);
        if (withUsage)
        {
            Console.Error.WriteLine(Usage);
        }
        return 2;
    }

    /// <summary>Re-quotes an argument the shell already split, so "hello world" stays one word.</summary>
    private static string Quote(string word) =>
        word.Length == 0 || word.Any(char.IsWhiteSpace) ? (word.Contains('"', StringComparison.Ordinal) ? $"'{word}'" : $"\"{word}\"") : word;
}
