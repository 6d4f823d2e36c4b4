namespace ZkNet.Cli.Output;

/// <summary>
/// The small command lines of the file tools: positional arguments, boolean flags (--json) and options with a
/// value (-n 3, -n3, --count=3). Anything else is an error message rather than an exception.
/// </summary>
internal sealed class ToolArgs
{
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private ToolArgs()
    {
    }

    /// <summary>The arguments that are not flags or options, in order.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Parses <paramref name="args"/>; on failure returns null and sets <paramref name="error"/>.</summary>
    /// <param name="args">The arguments after the verb.</param>
    /// <param name="flags">Allowed flags, each with its aliases ("--json").</param>
    /// <param name="options">Allowed options taking a value, mapped from each alias to a canonical name.</param>
    /// <param name="error">Why parsing failed.</param>
    public static ToolArgs? Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags,
        IReadOnlyDictionary<string, string> options, out string? error)
    {
        var result = new ToolArgs();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                result.Positionals.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                result.Positionals.Add(arg);
                continue;
            }
            if (flags.Contains(arg))
            {
                result._flags.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (options.TryGetValue(name, out var canonical))
            {
                if (equals > 0)
                {
                    result._options[canonical] = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count)
                {
                    result._options[canonical] = args[++i];
                }
                else
                {
                    error = $"option {arg} needs a value";
                    return null;
                }
                continue;
            }
            // -n3: a one-letter option with its value attached.
            if (arg.Length > 2 && arg[1] != '-' && options.TryGetValue(arg[..2], out canonical))
            {
                result._options[canonical] = arg[2..];
                continue;
            }
            error = $"unknown option '{arg}'";
            return null;
        }
        return result;
    }

    /// <summary>Whether the flag was given.</summary>
    public bool Has(string flag) => _flags.Contains(flag);

    /// <summary>The value of an option (by canonical name), or null.</summary>
    public string? Option(string name) => _options.GetValueOrDefault(name);
}
