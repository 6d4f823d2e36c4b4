namespace ZkNet.Cli.Tests.Shell;

/// <summary>What a CLI process printed and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);
