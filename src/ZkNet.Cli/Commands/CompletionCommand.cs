using System.CommandLine;
using System.CommandLine.Help;
using ZkNet.Cli.CommandLine;

namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet completion bash|zsh|fish</c>: prints a shell completion script for zknet's verbs, their subcommands and
/// options, read from the command tree (files and directories complete as the shell's defaults do). Install with, for example,
/// <c>zknet completion bash &gt; /etc/bash_completion.d/zknet</c> or <c>source &lt;(zknet completion bash)</c>.
/// </summary>
internal static class CompletionCommand
{
    public const string Usage = """
        usage: zknet completion bash|zsh|fish   print the shell completion script for zknet (source it, or install it where the shell loads completions)
        """;

    private static readonly string[] Shells = ["bash", "zsh", "fish"];

    /// <summary>The verb in the command tree; its scripts are written from the tree it is in.</summary>
    public static Command Create()
    {
        var shell = new Argument<string>("shell") { Arity = ArgumentArity.ZeroOrOne }.Completing(Shells);
        shell.Validators.Add(result =>
        {
            if (result.Tokens is [{ } token] && !Shells.Contains(token.Value))
            {
                result.AddError($"unknown shell '{token.Value}'");
            }
        });
        var completion = new Verb("completion", Usage) { shell };
        completion.Validators.Add(result =>
        {
            if (result.GetResult(shell) is null or { Tokens.Count: 0 })
            {
                result.AddError("name a shell");
            }
        });
        completion.SetAction(r =>
        {
            var verbs = Verbs(r.RootCommandResult.Command);
            r.InvocationConfiguration.Output.Write(r.GetValue(shell) switch
            {
                "bash" => Bash(verbs),
                "zsh" => "autoload -U +X bashcompinit && bashcompinit\n" + Bash(verbs),
                _ => Fish(verbs),
            });
            return 0;
        });
        return completion;
    }

    /// <summary>What the scripts complete, read from the command tree: each listed verb, its subcommands (or the values
    /// its argument offers, as completion's shells) and options
    /// (every alias, but only --help of the help option's), and the values an option offers.</summary>
    private static List<(string Verb, string[] Subcommands, (string Name, string[] Values)[] Options)> Verbs(Command root) =>
        [.. root.Subcommands.Where(c => !c.Hidden).Select(verb => (verb.Name,
            verb.Subcommands.Select(c => c.Name).Concat(verb.Arguments.SelectMany(VerbOptions.CompletionValues)).ToArray(),
            verb.Subcommands.SelectMany(c => c.Options).Concat(verb.Options)
                .Concat(verb.Options.Count + verb.Arguments.Count + verb.Subcommands.Count > 0 ? root.Options.OfType<HelpOption>() : [])
                .SelectMany(o => (o is HelpOption ? ["--help"] : o.Aliases.Prepend(o.Name)).Select(n => (Name: n, Values: VerbOptions.CompletionValues(o))))
                .DistinctBy(o => o.Name).ToArray()))];

    private static string Bash(List<(string Verb, string[] Subcommands, (string Name, string[] Values)[] Options)> tree)
    {
        var verbs = string.Join(" ", tree.Select(v => v.Verb).Append("--version").Append("--help"));
        var cases = string.Concat(tree.Select(v =>
            $"        {v.Verb}) subcommands=\"{string.Join(" ", v.Subcommands)}\"; options=\"{string.Join(" ", v.Options.Select(o => o.Name))}\" ;;\n"));
        var values = string.Concat(tree.SelectMany(v => v.Options).Where(o => o.Values.Length > 0).DistinctBy(o => o.Name)
            .Select(o => $"        {o.Name}) COMPREPLY=($(compgen -W \"{string.Join(" ", o.Values)}\" -- \"$cur\")); return ;;\n"));
        return $$"""
            # zknet completion for bash (zknet completion bash)
            _zknet() {
                local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
                if [[ $COMP_CWORD -eq 1 ]]; then
                    COMPREPLY=($(compgen -W "{{verbs}}" -- "$cur"))
                    return
                fi
                local verb="${COMP_WORDS[1]}" subcommands="" options="" word
                for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
                    # After "--" (lock and elect's command) completion is the command's own: files.
                    [[ $word == "--" ]] && return
                done
                case "$prev" in
            {{values}}    esac
                case "$verb" in
            {{cases}}        *) return ;;
                esac
                if [[ $COMP_CWORD -eq 2 && -n $subcommands ]]; then
                    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
                elif [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$options" -- "$cur"))
                fi
            }
            complete -o default -F _zknet zknet

            """;
    }

    private static string Fish(List<(string Verb, string[] Subcommands, (string Name, string[] Values)[] Options)> tree)
    {
        var lines = new List<string>
        {
            "# zknet completion for fish (zknet completion fish)",
            $"complete -c zknet -n __fish_use_subcommand -f -a \"{string.Join(" ", tree.Select(v => v.Verb))}\"",
            "complete -c zknet -n __fish_use_subcommand -l version -d 'the version and the commit it was built from'",
        };
        foreach (var (verb, subcommands, options) in tree)
        {
            if (subcommands.Length > 0)
            {
                lines.Add($"complete -c zknet -n \"__fish_seen_subcommand_from {verb}; and not __fish_seen_subcommand_from {string.Join(" ", subcommands)}\" -f -a \"{string.Join(" ", subcommands)}\"");
            }
            foreach (var (option, values) in options)
            {
                var flag = option.StartsWith("--", StringComparison.Ordinal) ? $"-l {option[2..]}" : $"-o {option[1..]}";
                lines.Add($"complete -c zknet -n \"__fish_seen_subcommand_from {verb}\" {flag}" + (values.Length == 0 ? "" : $" -x -a \"{string.Join(" ", values)}\""));
            }
        }
        return string.Join("\n", lines) + "\n";
    }
}
