using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed class ProgressTests(DataDirs dirs)
{
    [Theory]
    [InlineData("snapshot", "dump")]
    [InlineData("snapshot", "summary")]
    [InlineData("log", "dump")]
    public void A_terminal_gets_a_progress_bar_on_stderr_that_is_erased_at_the_end(string tool, string verb)
    {
        var file = tool == "log" ? dirs.Logs(ServerKind.ApacheZooKeeper)[0] : dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1];
        var plain = ToolRun.Of(tool == "log" ? LogCommand.Run : SnapshotCommand.Run, verb, file);
        var withBar = ToolRun.Of(tool == "log" ? LogCommand.Run : SnapshotCommand.Run, errorIsTerminal: true, progressThreshold: 0, verb, file);

        Assert.Equal(0, withBar.ExitCode);
        Assert.StartsWith("\r" + Path.GetFileName(file) + " [", withBar.Error, StringComparison.Ordinal);
        Assert.Contains("% ", withBar.Error, StringComparison.Ordinal);
        Assert.Matches(@"\r +\r$", withBar.Error);
        // The bar never touches the results.
        Assert.Equal(plain.Out, withBar.Out);
    }

    [Fact]
    public void No_progress_bar_when_stderr_is_not_a_terminal_or_the_file_is_small()
    {
        var file = dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1];

        var redirected = ToolRun.Of(SnapshotCommand.Run, errorIsTerminal: false, progressThreshold: 0, "dump", file);
        var small = ToolRun.Of(SnapshotCommand.Run, errorIsTerminal: true, progressThreshold: new FileInfo(file).Length + 1, "dump", file);

        Assert.Equal("", redirected.Error);
        Assert.Equal("", small.Error);
    }
}
