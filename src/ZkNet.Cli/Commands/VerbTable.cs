namespace ZkNet.Cli.Commands;

/// <summary>zknet's verbs, each with its subcommands and options: what "did you mean" and the completion scripts offer.</summary>
internal static class VerbTable
{
    /// <summary>What each verb takes: its subcommands (completed first) and its options.</summary>
    public static readonly (string Verb, string[] Subcommands, string[] Options)[] Verbs =
    [
        ("server", [], ["--config", "--log-level", "--log-format", "--help"]),
        ("cli", [], ["-server", "-timeout", "-r", "-client-configuration", "--server", "--timeout", "--readonly", "--client-configuration", "--help"]),
        ("lock", [], ["--server", "--session-timeout", "--help"]),
        ("elect", [], ["--server", "--session-timeout", "--help"]),
        ("snapshot", ["dump", "summary", "compare"], ["--json", "--data", "--help"]),
        ("log", ["dump"], ["--json", "--help"]),
        ("purge", [], ["-n", "--count", "--json", "--help"]),
        ("completion", ["bash", "zsh", "fish"], []),
        ("help", [], []),
    ];
}
