namespace ZkNet.Interop.Tests.Infrastructure;

/// <summary>How an external client process ended and what it printed.</summary>
/// <param name="CommandLine">What was run (for failure messages).</param>
/// <param name="ExitCode">The exit code, or -1 when it was killed for running too long.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="TimedOut">Whether the process was killed at its deadline.</param>
public sealed record ProcessOutcome(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>The whole story, for an assertion message.</summary>
    public string Describe() =>
        $"$ {CommandLine}\nexit code {ExitCode}{(TimedOut ? " (killed at its deadline)" : "")}\n" +
        $"--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
