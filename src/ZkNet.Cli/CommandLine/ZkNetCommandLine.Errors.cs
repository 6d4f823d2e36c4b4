using System.CommandLine;
using System.CommandLine.Parsing;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Output;

namespace ZkNet.Cli.CommandLine;

internal static partial class ZkNetCommandLine
{
    /// <summary>
    /// A command line the parser refused: one line "zknet VERB [SUBCOMMAND]: problem" (a mistyped verb or subcommand
    /// with the nearest one suggested), then the verb's usage, and <see cref="ExitCodes.Usage"/>. System.CommandLine's own
    /// error action would print its help and exit 1; zknet's usage errors have always been exit 2.
    /// </summary>
    private static int UsageError(ParseResult result, TextWriter error)
    {
        var command = result.CommandResult.Command;
        var verb = VerbOf(result.CommandResult);
        var unmatched = result.UnmatchedTokens.Count > 0 ? result.UnmatchedTokens[0] : null;
        string message;
        if (verb is null && unmatched is not null)
        {
            message = $"unknown command '{unmatched}'" + Suggestion(unmatched, VerbNames);
        }
        else if (command.Subcommands.Count > 0 && unmatched is not null && !unmatched.StartsWith('-'))
        {
            message = $"unknown subcommand '{unmatched}'" + Suggestion(unmatched, command.Subcommands.Select(c => c.Name));
        }
        else
        {
            // An option's or argument's own error first: it names the option and what it needs, or the stray option.
            var first = result.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult) ?? result.Errors[0];
            message = first.Message.TrimEnd('.');
        }
        error.WriteLine($"zknet{Path(result.CommandResult)}: {message}");
        var usage = verb is null ? VerbHelp.Usage : verb.ErrorUsage;
        if (usage is not null)
        {
            error.WriteLine(usage);
        }
        error.Flush();
        return ExitCodes.Usage;
    }

    private static string Suggestion(string typed, IEnumerable<string> candidates) =>
        VerbSuggestion.Closest(typed, candidates) is { } near ? $"; did you mean '{near}'?" : "";

    /// <summary>The verb (the command right under the root) that a result is in, or null at the root.</summary>
    private static Verb? VerbOf(CommandResult? result)
    {
        for (; result is not null; result = result.Parent as CommandResult)
        {
            if (result.Command is Verb verb)
            {
                return verb;
            }
        }
        return null;
    }

    /// <summary>" snapshot dump" for zknet snapshot dump; "" at the root.</summary>
    private static string Path(CommandResult result) =>
        result.Parent is CommandResult parent ? Path(parent) + " " + result.Command.Name : "";
}
