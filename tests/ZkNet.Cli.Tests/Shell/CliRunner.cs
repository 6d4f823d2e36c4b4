using System.Diagnostics;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>Runs <c>zknet cli</c> or zkCli.sh as a process, with a bounded wait, and captures both streams.</summary>
internal static class CliRunner
{
    private const string ZkCliScript = "/usr/share/zookeeper/bin/zkCli.sh";

    public static Task<CliResult> ZkNetAsync(string server, string? stdin, params string[] command) =>
        RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "cli", "-server", server, .. command], stdin);

    public static Task<CliResult> ZkCliAsync(string server, string stdin) =>
        RunAsync(ZkCliScript, ["-server", server], stdin);

    private static async Task<CliResult> RunAsync(string program, string[] args, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within 60 s");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}
