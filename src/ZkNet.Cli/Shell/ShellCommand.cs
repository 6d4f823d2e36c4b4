namespace ZkNet.Cli.Shell;

/// <summary>One shell command: its usage line, its options, and what it does.</summary>
/// <param name="Usage">zkCli's usage line, printed when the arguments are short.</param>
/// <param name="Flags">Option letters without a value.</param>
/// <param name="Valued">Option letters followed by a value.</param>
/// <param name="MinArgs">Positional arguments required after the name.</param>
/// <param name="NeedsSession">Whether it needs an open session ("Not connected" otherwise).</param>
/// <param name="Run">Runs it; false when it failed.</param>
internal sealed record ShellCommand(string Usage, string Flags, string Valued, int MinArgs, bool NeedsSession,
    Func<ParsedArgs, Task<bool>> Run);
