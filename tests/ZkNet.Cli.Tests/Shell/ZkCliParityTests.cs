using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// zknet cli against zkCli.sh: the same commands on the same server print the same lines on the same streams,
/// so runbooks written for zkCli keep working. Each server gets one zkCli.sh run (a JVM start) and one zknet run.
/// </summary>
public sealed class ZkCliParityTests
{
    [Fact]
    public async Task Piped_session_prints_what_zkCli_prints_against_Apache_ZooKeeper()
    {
        await using var server = await ServerProcess.StartAsync(ServerKind.ApacheZooKeeper);
        await AssertSameTranscriptAsync(server.ConnectString);
    }

    [Fact]
    public async Task Piped_session_prints_what_zkCli_prints_against_ZkNet()
    {
        await using var server = await StartZkNetAsync();
        await AssertSameTranscriptAsync(server.ConnectString);
    }

    [Fact]
    public async Task Config_reads_the_config_node_whatever_the_chroot_as_zkCli_does()
    {
        await using var server = await StartZkNetAsync();
        const string Script = "config -s\n";

        var expected = await CliRunner.ZkCliAsync(server.ConnectString + "/chrooted", Script);
        var actual = await CliRunner.ZkNetAsync(server.ConnectString + "/chrooted", Script);

        var (expectedOut, _) = TranscriptNormalizer.Normalize(expected.Output, "/chrooted");
        var (actualOut, _) = TranscriptNormalizer.Normalize(actual.Output, "/chrooted");
        Assert.Equal(string.Join('\n', expectedOut), string.Join('\n', actualOut));
        Assert.Contains(actualOut, line => line.StartsWith("cZxid = ", StringComparison.Ordinal));
        Assert.Equal((0, ""), (actual.ExitCode, actual.Error.Trim()));
    }

    private static Task<ZkNetServer> StartZkNetAsync() => ZkNetServer.StartAsync(new ServerConfig
    {
        ClientPort = 0,
        ClientPortAddress = "127.0.0.1",
        InMemory = true,
    });

    private static async Task AssertSameTranscriptAsync(string connectString)
    {
        var expected = await CliRunner.ZkCliAsync(connectString, SessionScript.For("/zkcli_run"));
        var actual = await CliRunner.ZkNetAsync(connectString, SessionScript.For("/zknet_run"));

        var (expectedOut, expectedEvents) = TranscriptNormalizer.Normalize(expected.Output, "/zkcli_run");
        var (actualOut, actualEvents) = TranscriptNormalizer.Normalize(actual.Output, "/zknet_run");
        var (expectedErr, _) = TranscriptNormalizer.Normalize(expected.Error, "/zkcli_run");
        var (actualErr, _) = TranscriptNormalizer.Normalize(actual.Error, "/zknet_run");

        Assert.Equal(string.Join('\n', expectedOut), string.Join('\n', actualOut));
        Assert.Equal(string.Join('\n', expectedErr), string.Join('\n', actualErr));
        Assert.Equal(expectedEvents, actualEvents);
        Assert.NotEmpty(actualEvents);
        // Unlike zkCli (which always exits 0 here), a piped session with failed commands exits non-zero.
        Assert.NotEqual(0, actual.ExitCode);
    }
}
