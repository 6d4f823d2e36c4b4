using System.Text.Json;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed class PurgeTests(DataDirs dirs) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(ServerKind.ApacheZooKeeper, 3)]
    [InlineData(ServerKind.ApacheZooKeeper, 4)]
    [InlineData(ServerKind.ApacheZooKeeper, 100)]
    [InlineData(ServerKind.ZkNet, 3)]
    [InlineData(ServerKind.ZkNet, 5)]
    public async Task Purge_keeps_exactly_the_files_ZooKeepers_PurgeTxnLog_keeps(ServerKind writer, int count)
    {
        var theirs = _dir.CopyFrom(dirs.Dir(writer), "theirs");
        var ours = _dir.CopyFrom(dirs.Dir(writer), "ours");

        Assert.Equal(0, await ZooKeeperTools.PurgeTxnLogAsync(theirs, null, count));
        var run = ToolRun.Of(PurgeCommand.Run, ours, "-n", count.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Names(theirs), Names(ours));
        var removed = run.Lines.Where(l => l.StartsWith("Removing file: ", StringComparison.Ordinal)).Select(l => Path.GetFileName(l.Split('\t')[1]));
        Assert.Equal(Names(dirs.Dir(writer)).Except(Names(ours)).Order(), removed.Order());
        if (count < dirs.Snapshots(writer).Count)
        {
            Assert.NotEmpty(removed);
        }
    }

    [Fact]
    public async Task Purge_with_a_separate_log_directory_keeps_what_PurgeTxnLog_keeps()
    {
        var (theirSnaps, theirLogs) = Split("theirs");
        var (ourSnaps, ourLogs) = Split("ours");

        // ZooKeeper's tool takes the log directory first; ours takes them as zoo.cfg lists them.
        Assert.Equal(0, await ZooKeeperTools.PurgeTxnLogAsync(theirLogs, theirSnaps, 3));
        var run = ToolRun.Of(PurgeCommand.Run, ourSnaps, ourLogs, "-n", "3", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Names(theirSnaps), Names(ourSnaps));
        Assert.Equal(Names(theirLogs), Names(ourLogs));
        var root = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(3, root.GetProperty("retainCount").GetInt32());
        Assert.Equal(Names(ourSnaps).Concat(Names(ourLogs)).Order(),
            root.GetProperty("kept").EnumerateArray().Select(k => Path.GetFileName(k.GetString()!)).Order());
        Assert.All(root.GetProperty("removed").EnumerateArray(), r => Assert.False(File.Exists(r.GetProperty("path").GetString())));
        Assert.NotEqual(0, root.GetProperty("removed").GetArrayLength());
    }

    [Fact]
    public async Task Purge_refuses_to_keep_fewer_than_three_snapshots_as_PurgeTxnLog_does_and_deletes_nothing()
    {
        var theirs = _dir.CopyFrom(dirs.ZooKeeper, "theirs");
        var ours = _dir.CopyFrom(dirs.ZooKeeper, "ours");

        Assert.NotEqual(0, await ZooKeeperTools.PurgeTxnLogAsync(theirs, null, 2));
        var run = ToolRun.Of(PurgeCommand.Run, ours, "-n", "2");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("COUNT must be a number >= 3", run.Error, StringComparison.Ordinal);
        Assert.Equal(Names(dirs.ZooKeeper), Names(theirs));
        Assert.Equal(Names(dirs.ZooKeeper), Names(ours));
    }

    [Fact]
    public void Purge_of_a_directory_that_is_not_a_data_directory_exits_1_and_creates_nothing()
    {
        var missing = _dir.Combine("missing");
        var plain = _dir.Combine("plain");
        Directory.CreateDirectory(plain);

        var runMissing = ToolRun.Of(PurgeCommand.Run, missing, "-n", "3");
        var runPlain = ToolRun.Of(PurgeCommand.Run, plain, "-n", "3");

        Assert.Equal(1, runMissing.ExitCode);
        Assert.Contains("no such directory", runMissing.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
        Assert.Equal(1, runPlain.ExitCode);
        Assert.Contains("no version-2 folder", runPlain.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(plain));
    }

    private (string Snaps, string Logs) Split(string name)
    {
        var snaps = _dir.CopyFrom(dirs.ZooKeeper, name + "-snaps");
        var logs = _dir.Combine(name + "-logs", "version-2");
        Directory.CreateDirectory(logs);
        foreach (var log in Directory.EnumerateFiles(Path.Combine(snaps, "version-2"), "log.*"))
        {
            File.Move(log, Path.Combine(logs, Path.GetFileName(log)));
        }
        return (snaps, Path.GetDirectoryName(logs)!);
    }

    private static List<string> Names(string dataDir) =>
        Directory.EnumerateFiles(Path.Combine(dataDir, "version-2")).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
}
