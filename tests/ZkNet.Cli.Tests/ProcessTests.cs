using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>The verbs as shipped: the zknet executable dispatches them and returns their exit codes.</summary>
[Collection(DataDirsCollection.Name)]
public sealed class ProcessTests(DataDirs dirs)
{
    [Fact]
    public async Task The_zknet_executable_runs_the_file_tools_with_their_exit_codes()
    {
        var summary = await ZkNetAsync("snapshot", "summary", dirs.Snapshots(ServerKind.ZkNet)[^1]);
        var dump = await ZkNetAsync("log", "dump", dirs.Logs(ServerKind.ZkNet)[0], "--json");
        var missing = await ZkNetAsync("log", "dump", "/nonexistent/log.1");
        var usage = await ZkNetAsync("purge");

        Assert.Equal(0, summary.ExitCode);
        Assert.StartsWith("Snapshot: ", summary.Out, StringComparison.Ordinal);
        // stderr is a pipe here: no progress bar, nothing at all.
        Assert.Equal("", summary.Error);
        Assert.Equal(0, dump.ExitCode);
        Assert.Equal("clean", System.Text.Json.JsonDocument.Parse(dump.Out).RootElement.GetProperty("end").GetString());
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("zknet log dump: /nonexistent/log.1: no such file\n", missing.Error);
        Assert.Equal(2, usage.ExitCode);
    }

    private static Task<(int ExitCode, string Out, string Error)> ZkNetAsync(params string[] args) =>
        ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, .. args], TimeSpan.FromSeconds(60));
}
