using System.CommandLine;
using System.Runtime.CompilerServices;

namespace ZkNet.Cli.CommandLine;

/// <summary>Options built the way every verb wants them: a missing value is named with what it should be.</summary>
internal static class VerbOptions
{
    private static readonly ConditionalWeakTable<Symbol, string[]> Offered = new();

    /// <summary>
    /// An option taking one value. Its arity admits none so that the validator, not the parser's generic "required
    /// argument missing", words the error: "--config needs a file: the zoo.cfg to run with".
    /// </summary>
    public static Option<string> Value(string name, string needs, params string[] aliases)
    {
        var option = new Option<string>(name, aliases) { Arity = ArgumentArity.ZeroOrOne, HelpName = needs };
        option.Validators.Add(result =>
        {
            if (!result.Implicit && result.Tokens.Count == 0)
            {
                result.AddError($"{result.IdentifierToken?.Value ?? name} needs {needs}");
            }
        });
        return option;
    }

    /// <summary>A <see cref="Value"/> option whose value must pass <paramref name="check"/> (which returns why not, or null).</summary>
    public static Option<string> Value(string name, string needs, Func<string, string?> check, params string[] aliases)
    {
        var option = Value(name, needs, aliases);
        option.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && check(token.Value) is { } problem)
            {
                result.AddError(problem);
            }
        });
        return option;
    }

    /// <summary>
    /// Refuses a value that looks like an option: the parser hands an unknown "--bogus" to the next free argument, and
    /// "unknown option" says more than "no such file --bogus" would.
    /// </summary>
    public static Argument<T> NoOptions<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value.StartsWith('-')) is { } token)
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        });
        return argument;
    }

    /// <summary>An option whose values the completion scripts offer after it.</summary>
    public static Option<string> Completing(this Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        Offered.AddOrUpdate(option, values);
        return option;
    }

    /// <summary>An argument whose values the completion scripts offer (as completion's shells).</summary>
    public static Argument<string> Completing(this Argument<string> argument, params string[] values)
    {
        argument.CompletionSources.Add(values);
        Offered.AddOrUpdate(argument, values);
        return argument;
    }

    /// <summary>
    /// The values <see cref="Completing"/> gave a symbol, in the order given (GetCompletions sorts an option's by name,
    /// and "trace debug information ..." reads better in its own order).
    /// </summary>
    public static string[] CompletionValues(Symbol symbol) => Offered.TryGetValue(symbol, out var values) ? values : [];
}
