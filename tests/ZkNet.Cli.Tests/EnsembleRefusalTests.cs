using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>
/// A zoo.cfg that describes a replicated ensemble starts an ensemble member, never a standalone server; one that
/// cannot (no myid in the data directory, a myid with no server line, a malformed server line) is refused with a
/// message saying what to fix.
/// </summary>
public sealed class EnsembleRefusalTests
{
    private const string ThreeServers = "server.1=127.0.0.1:2888:3888\nserver.2=127.0.0.1:2889:3889\nserver.3=127.0.0.1:2890:3890\n";

    [Theory]
    [InlineData(ThreeServers, null, "myid is missing")]
    [InlineData("server.1=127.0.0.1:2888:3888\nstandaloneEnabled=false\n", null, "myid is missing")]
    [InlineData(ThreeServers, "7", "myid 7 in")]
    public async Task An_ensemble_member_that_does_not_know_who_it_is_is_refused(string servers, string? myid, string reason)
    {
        var (exitCode, error) = await ServeAsync(servers, myid);

        Assert.Equal(2, exitCode);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_server_line_is_refused_with_ZooKeepers_reason()
    {
        var (exitCode, error) = await ServeAsync("server.1=127.0.0.1:2888\nserver.2=127.0.0.1:2889:3889\n");

        Assert.Equal(2, exitCode);
        Assert.Contains("Missing election port for server: 1", error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Error)> ServeAsync(string servers, string? myid = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zknet-ensemble-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(directory, "data"));
        if (myid is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "data", "myid"), myid + "\n");
        }
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
