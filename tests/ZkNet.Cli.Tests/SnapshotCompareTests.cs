using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.Persistence.Snapshots;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

/// <summary>
/// <c>zknet snapshot compare</c> over data directories written by Apache ZooKeeper 3.8 and by ZkNet: what each recovers
/// to (newest snapshot plus the logs after it), node by node, without writing to them.
/// </summary>
[Collection(DataDirsCollection.Name)]
public sealed class SnapshotCompareTests(DataDirs dirs) : DataDirsTheories
{
    [Theory]
    [MemberData(nameof(Writers))]
    public void A_copy_recovers_to_the_identical_state_even_from_an_older_snapshot_and_the_logs(ServerKind writer)
    {
        using var temp = new TempDir();
        var copy = Copy(dirs.Dir(writer), temp.Combine("copy"));
        var older = Copy(dirs.Dir(writer), temp.Combine("older"));
        // Without its newest snapshot the copy recovers from an older one and replays the logs to the same state.
        File.Delete(Files(older, "snapshot.")[^1]);
        var before = Listing(older);

        var run = ToolRun.Of(SnapshotCommand.Run, "compare", dirs.Dir(writer), copy, Path.Combine(older, "version-2"));

        Assert.True(run.ExitCode == 0, run.Out + run.Error);
        Assert.Equal(2, run.Lines.Count(l => l == "  identical to the first"));
        Assert.Equal(before, Listing(older));
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_node_whose_data_differs_is_named_and_the_exit_code_says_they_differ(ServerKind writer)
    {
        using var temp = new TempDir();
        var copy = Copy(dirs.Dir(writer), temp.Combine("copy"));
        var newest = Files(copy, "snapshot.")[^1];
        var rewritten = SnapshotRewriter.Rewrite(newest, temp.Combine(""), SnapshotCompression.None,
            (path, data) => path == "/p" ? "changed"u8.ToArray() : data);
        File.Delete(newest);
        File.Move(rewritten, Path.Combine(copy, "version-2", Path.GetFileName(rewritten)));

        var run = ToolRun.Of(SnapshotCommand.Run, "compare", dirs.Dir(writer), copy, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"identical\": false", run.Out, StringComparison.Ordinal);
        Assert.Contains("/p: data differs", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void One_directory_is_a_usage_error_and_one_without_version_2_is_named()
    {
        using var temp = new TempDir();
        Assert.Equal(2, ToolRun.Of(SnapshotCommand.Run, "compare", dirs.ZkNet).ExitCode);

        var run = ToolRun.Of(SnapshotCommand.Run, "compare", dirs.ZkNet, temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{temp.Path} has no version-2 folder", run.Error, StringComparison.Ordinal);
    }

    private static string Copy(string dataDir, string target)
    {
        foreach (var file in Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(dataDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    /// <summary>The files named prefix.&lt;zxid&gt;, by zxid (hex names of different lengths do not sort as text).</summary>
    private static List<string> Files(string dataDir, string prefix) =>
        [.. Directory.EnumerateFiles(Path.Combine(dataDir, "version-2"), prefix + "*")
            .OrderBy(f => Convert.ToInt64(Path.GetFileName(f)[prefix.Length..].Split('.')[0], 16))];

    private static List<string> Listing(string dataDir) =>
        [.. Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")];
}
