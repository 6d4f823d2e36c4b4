namespace ZkNet.Cli.Shell;

/// <summary>
/// A command's words after its options are taken out. Like zkCli (commons-cli), options may stand anywhere after
/// the command name, and a word that starts with '-' but is not one of the command's options is an error.
/// </summary>
internal sealed class ParsedArgs
{
    private readonly Dictionary<char, string?> _options = [];

    private ParsedArgs(List<string> positional) => Positional = positional;

    /// <summary>The words that are not options, the command name first.</summary>
    public List<string> Positional { get; }

    public bool Has(char option) => _options.ContainsKey(option);

    public string? Value(char option) => _options.GetValueOrDefault(option);

    /// <summary>
    /// Parses <paramref name="words"/> against <paramref name="flags"/> (letters without a value) and
    /// <paramref name="valued"/> (letters followed by a value).
    /// </summary>
    /// <exception cref="ShellUsageException">An unknown option, or an option missing its value.</exception>
    public static ParsedArgs Parse(List<string> words, string flags, string valued)
    {
        var result = new ParsedArgs([words[0]]);
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length == 2 && word[0] == '-' && !char.IsDigit(word[1]))
            {
                var letter = word[1];
                if (flags.Contains(letter, StringComparison.Ordinal))
                {
                    result._options[letter] = null;
                    continue;
                }
                if (valued.Contains(letter, StringComparison.Ordinal))
                {
                    if (i + 1 >= words.Count)
                    {
                        throw new ShellUsageException($"Missing argument for option: {letter}");
                    }
                    result._options[letter] = words[++i];
                    continue;
                }
                throw new ShellUsageException($"Unrecognized option: {word}");
            }
            result.Positional.Add(word);
        }
        return result;
    }
}
