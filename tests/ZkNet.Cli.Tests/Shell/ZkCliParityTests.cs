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
        await using var server = await ZkNetServer.StartAsync(new ServerConfig
        {
            ClientPort = 0,
            ClientPortAddress = "127.0.0.1",
            InMemory = true,
        });
        await AssertSameTranscriptAsync(server.ConnectString);
    }

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
