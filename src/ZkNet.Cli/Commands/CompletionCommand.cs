namespace ZkNet.Cli.Commands;

/// <summary>
/// <c>zknet completion bash|zsh|fish</c>: prints a shell completion script for zknet's verbs, their subcommands and
/// options (files and directories complete as the shell's defaults do). Install with, for example,
/// <c>zknet completion bash &gt; /etc/bash_completion.d/zknet</c> or <c>source &lt;(zknet completion bash)</c>.
/// </summary>
internal static class CompletionCommand
{
    public const string Usage = """
        usage: zknet completion bash|zsh|fish   print the shell completion script for zknet (source it, or install it where the shell loads completions)
        """;

    /// <summary>Values some options take, completed after them.</summary>
    private static readonly (string Option, string[] Values)[] OptionValues =
    [
        ("--log-level", ["trace", "debug", "information", "warning", "error", "critical", "none"]),
        ("--log-format", ["text", "json", "systemd"]),
    ];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var script = args switch
        {
            ["bash"] => Bash(),
            ["zsh"] => "autoload -U +X bashcompinit && bashcompinit\n" + Bash(),
            ["fish"] => Fish(),
            _ => null,
        };
        if (script is null)
        {
            error.WriteLine(args.Length == 0 ? "zknet completion: name a shell" : $"zknet completion: unknown shell '{args[0]}'");
            error.WriteLine(Usage);
            return 2;
        }
        output.Write(script);
        return 0;
    }

    private static string Bash()
    {
        var verbs = string.Join(" ", VerbTable.Verbs.Select(v => v.Verb).Append("--version").Append("--help"));
        var cases = string.Concat(VerbTable.Verbs.Select(v =>
            $"        {v.Verb}) subcommands=\"{string.Join(" ", v.Subcommands)}\"; options=\"{string.Join(" ", v.Options)}\" ;;\n"));
        var values = string.Concat(OptionValues.Select(o => $"        {o.Option}) COMPREPLY=($(compgen -W \"{string.Join(" ", o.Values)}\" -- \"$cur\")); return ;;\n"));
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

    private static string Fish()
    {
        var lines = new List<string>
        {
            "# zknet completion for fish (zknet completion fish)",
            $"complete -c zknet -n __fish_use_subcommand -f -a \"{string.Join(" ", VerbTable.Verbs.Select(v => v.Verb))}\"",
            "complete -c zknet -n __fish_use_subcommand -l version -d 'the version and the commit it was built from'",
        };
        foreach (var (verb, subcommands, options) in VerbTable.Verbs)
        {
            if (subcommands.Length > 0)
            {
                lines.Add($"complete -c zknet -n \"__fish_seen_subcommand_from {verb}; and not __fish_seen_subcommand_from {string.Join(" ", subcommands)}\" -f -a \"{string.Join(" ", subcommands)}\"");
            }
            foreach (var option in options)
            {
                var values = OptionValues.FirstOrDefault(o => o.Option == option).Values;
                var flag = option.StartsWith("--", StringComparison.Ordinal) ? $"-l {option[2..]}" : $"-o {option[1..]}";
                lines.Add($"complete -c zknet -n \"__fish_seen_subcommand_from {verb}\" {flag}" + (values is null ? "" : $" -x -a \"{string.Join(" ", values)}\""));
            }
        }
        return string.Join("\n", lines) + "\n";
    }
}
