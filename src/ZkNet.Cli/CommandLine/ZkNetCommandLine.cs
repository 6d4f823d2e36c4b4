using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Coordination;
using ZkNet.Cli.Output;
using ZkNet.Cli.Shell;

namespace ZkNet.Cli.CommandLine;

/// <summary>
/// zknet's verbs as one System.CommandLine tree: it parses every verb's options and arguments, answers --help and
/// --version, and is what "did you mean" and <c>zknet completion</c> read. <c>zknet cli</c> is in the tree only to be
/// listed and completed: its arguments go untouched to the zkCli-syntax shell (<see cref="Program"/> never parses them).
/// </summary>
internal static partial class ZkNetCommandLine
{
    /// <summary>The verbs, for "did you mean" (a tree whose actions are never run).</summary>
    public static IReadOnlyList<string> VerbNames { get; } =
        [.. Create(new ToolConsole(Stream.Null, TextWriter.Null, false)).Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];

    /// <summary>The tree; the verbs' actions write to <paramref name="console"/>.</summary>
    public static RootCommand Create(ToolConsole console)
    {
        var root = new RootCommand("ZkNet, a ZooKeeper-compatible coordination service")
        {
            ServerCommand.Create(),
            CliCommand.Describe(),
            CoordinatedCommand.Create(elect: false, console.Error),
            CoordinatedCommand.Create(elect: true, console.Error),
            SnapshotCommand.Create(console),
            LogCommand.Create(console),
            PurgeCommand.Create(console),
            CompletionCommand.Create(),
        };
        root.Add(HelpVerb());
        root.Add(new Command("version") { Hidden = true, Action = new VersionAction() });
        foreach (var option in root.Options)
        {
            option.Action = option switch
            {
                HelpOption => new HelpAction(),
                VersionOption => new VersionAction(),
                _ => option.Action,
            };
        }
        // No verb: the overview on stderr, exit 0, as zknet has always answered a bare "zknet".
        root.SetAction(result => WriteOverview(result));
        return root;
    }

    /// <summary>Parses and runs a command line (one without "cli" first), writing to <paramref name="console"/>.</summary>
    public static async Task<int> InvokeAsync(IReadOnlyList<string> args, ToolConsole console)
    {
        var result = Parse(args, console);
        using var output = console.CreateTextWriter();
        return result.Action is ParseErrorAction
            ? UsageError(result, console.Error)
            : await result.InvokeAsync(Invocation(output, console.Error)).ConfigureAwait(false);
    }

    /// <summary>The synchronous form, for the verbs whose actions do not await (the file tools).</summary>
    public static int Invoke(IReadOnlyList<string> args, ToolConsole console)
    {
        var result = Parse(args, console);
        using var output = console.CreateTextWriter();
        return result.Action is ParseErrorAction ? UsageError(result, console.Error) : result.Invoke(Invocation(output, console.Error));
    }

    private static ParseResult Parse(IReadOnlyList<string> args, ToolConsole console) =>
        // No response files: "@name" is an argument like any other (lock's command may well take one).
        Create(console).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) => new()
    {
        Output = output,
        Error = error,
        // The server and the shell handle SIGINT and SIGTERM themselves (a clean shutdown can take longer than
        // the parser's grace), and an exception ends the process as it always did rather than as exit code 1.
        ProcessTerminationTimeout = null,
        EnableDefaultExceptionHandler = false,
    };

    private static int WriteOverview(ParseResult result)
    {
        result.InvocationConfiguration.Error.WriteLine(VerbHelp.Usage);
        return ExitCodes.Ok;
    }

    private static Command HelpVerb()
    {
        var verb = new Argument<string>("verb") { Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help") { verb };
        help.SetAction(result => result.GetValue(verb) is { } name && VerbHelp.TryWrite(name, result.InvocationConfiguration.Output)
            ? ExitCodes.Ok
            : WriteOverview(result));
        return help;
    }

    /// <summary>--help, -h: the verb's usage lines on stdout, exit 0 (the overview, on stderr, for no verb).</summary>
    private sealed class HelpAction : SynchronousCommandLineAction
    {
        /// <summary>zknet purge -h answers with the usage although -n is missing.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult) =>
            VerbOf(parseResult.CommandResult) is { } verb && VerbHelp.TryWrite(verb.Name, parseResult.InvocationConfiguration.Output)
                ? ExitCodes.Ok
                : WriteOverview(parseResult);
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(VerbHelp.Version);
            return ExitCodes.Ok;
        }
    }
}
