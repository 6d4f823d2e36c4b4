using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>
/// A zoo.cfg that describes a replicated ensemble never starts a standalone server silently (members that each
/// ran alone would diverge): it is refused with a message saying why, and a malformed server line gets ZooKeeper's
/// reason.
/// </summary>
public sealed class EnsembleRefusalTests
{
    [Theory]
    [InlineData("server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n", "3 voting members")]
    [InlineData("server.1=127.0.0.1:2888:3888\nstandaloneEnabled=false\n", "standaloneEnabled=false")]
    public async Task A_config_naming_an_ensemble_is_refused_instead_of_running_standalone(string servers, string reason)
    {
        var (exitCode, error) = await ServeAsync(servers);

        Assert.Equal(2, exitCode);
        Assert.Contains("configures a replicated ensemble", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_server_line_is_refused_with_ZooKeepers_reason()
    {
        var (exitCode, error) = await ServeAsync("server.1=127.0.0.1:2888\nserver.2=127.0.0.1:2889:3889\n");

        Assert.Equal(2, exitCode);
        Assert.Contains("Missing election port for server: 1", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> ServeAsync(string servers)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zknet-ensemble-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            var cfg = Path.Combine(directory, "zoo.cfg");
            await File.WriteAllTextAsync(cfg, $"tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir={directory}/data\nclientPort={FreePort.Next()}\n{servers}");
            var run = await ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "server", "--config", cfg], TimeSpan.FromSeconds(60));
            return (run.ExitCode, run.Error);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
