using System.Text.Json;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed class ErrorTests(DataDirs dirs) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("snapshot", "dump")]
    [InlineData("snapshot", "summary")]
    [InlineData("log", "dump")]
    public void A_missing_file_exits_1_with_one_line_naming_it(string tool, string verb)
    {
        var missing = _dir.Combine("snapshot.1");
        var run = ToolRun.Of(tool == "log" ? LogCommand.Run : SnapshotCommand.Run, verb, missing);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal($"zknet {tool} {verb}: {missing}: no such file{Environment.NewLine}", run.Error);
    }

    [Fact]
    public void A_truncated_snapshot_exits_1_after_printing_the_nodes_before_the_cut_and_json_stays_valid()
    {
        var source = dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1];
        var cut = _dir.Combine(Path.GetFileName(source));
        File.WriteAllBytes(cut, File.ReadAllBytes(source)[..(int)(new FileInfo(source).Length * 2 / 3)]);

        var text = ToolRun.Of(SnapshotCommand.Run, "dump", cut);
        var json = ToolRun.Of(SnapshotCommand.Run, "dump", cut, "--json");
        var summary = ToolRun.Of(SnapshotCommand.Run, "summary", cut, "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.StartsWith("Incomplete: ", text.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("truncated", text.Error, StringComparison.Ordinal);
        Assert.Equal(1, json.ExitCode);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.False(root.GetProperty("complete").GetBoolean());
        Assert.InRange(root.GetProperty("nodes").GetArrayLength(), 1, dirs.Seen[ServerKind.ApacheZooKeeper].GetProperty("tree").EnumerateObject().Count() - 1);
        Assert.Equal(1, summary.ExitCode);
        Assert.False(JsonDocument.Parse(summary.Out).RootElement.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void A_snapshot_whose_bytes_changed_fails_its_checksum_seal()
    {
        var source = dirs.Snapshots(ServerKind.ApacheZooKeeper)[^1];
        var bytes = File.ReadAllBytes(source);
        // The data of /p: its length (2) then "d3". Only the seal can tell the change.
        var at = bytes.AsSpan().IndexOf("\0\0\0\u0002d3"u8);
        Assert.True(at > 0);
        bytes[at + 5] = (byte)'4';
        var changed = _dir.Combine(Path.GetFileName(source));
        File.WriteAllBytes(changed, bytes);

        var run = ToolRun.Of(SnapshotCommand.Run, "summary", changed);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("checksum seal", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_log_cut_inside_a_record_is_a_torn_tail_exit_3_with_every_txn_before_it()
    {
        var source = dirs.Logs(ServerKind.ApacheZooKeeper)[0];
        var whole = ToolRun.Of(LogCommand.Run, "dump", "--json", source);
        var txns = JsonDocument.Parse(whole.Out).RootElement.GetProperty("txns");
        var thirdStart = txns[2].GetProperty("offset").GetInt32();
        var torn = _dir.Combine("log.1");
        File.WriteAllBytes(torn, File.ReadAllBytes(source)[..(thirdStart + 20)]);

        var text = ToolRun.Of(LogCommand.Run, "dump", torn);
        var json = ToolRun.Of(LogCommand.Run, "dump", torn, "--json");

        Assert.Equal(3, text.ExitCode);
        Assert.Equal(4, text.Lines.Length);
        Assert.StartsWith($"Torn record at offset {thirdStart} after 2 txns", text.Lines[^1], StringComparison.Ordinal);
        Assert.Contains("torn record", text.Error, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("torn", root.GetProperty("end").GetString());
        Assert.Equal(thirdStart, root.GetProperty("tornTail").GetProperty("offset").GetInt32());
        Assert.Equal(2, root.GetProperty("count").GetInt32());
    }

    [Fact]
    public void A_damaged_record_with_valid_records_after_it_is_corruption_exit_1_and_json_stays_valid()
    {
        var source = dirs.Logs(ServerKind.ApacheZooKeeper)[0];
        var second = JsonDocument.Parse(ToolRun.Of(LogCommand.Run, "dump", "--json", source).Out).RootElement
            .GetProperty("txns")[1].GetProperty("offset").GetInt32();
        var bytes = File.ReadAllBytes(source);
        bytes[second + 20] ^= 0xff;
        var damaged = _dir.Combine("log.1");
        File.WriteAllBytes(damaged, bytes);

        var text = ToolRun.Of(LogCommand.Run, "dump", damaged);
        var json = ToolRun.Of(LogCommand.Run, "dump", damaged, "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Equal($"zknet log dump: {damaged}: corrupt at offset {second}: checksum mismatch, and valid records follow it{Environment.NewLine}", text.Error);
        Assert.Equal(1, json.ExitCode);
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.Equal("error", root.GetProperty("end").GetString());
        Assert.Equal(1, root.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Each_tool_refuses_the_other_kind_of_file()
    {
        var log = ToolRun.Of(LogCommand.Run, "dump", dirs.Snapshots(ServerKind.ApacheZooKeeper)[0]);
        var snapshot = ToolRun.Of(SnapshotCommand.Run, "dump", dirs.Logs(ServerKind.ApacheZooKeeper)[0]);

        Assert.Equal(1, log.ExitCode);
        Assert.Contains("not a txn log: magic ZKSN", log.Error, StringComparison.Ordinal);
        Assert.Equal(1, snapshot.ExitCode);
        Assert.Contains("bad magic", snapshot.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snapshot")]
    [InlineData("snapshot", "list", "x")]
    [InlineData("snapshot", "dump")]
    [InlineData("snapshot", "dump", "a", "b")]
    [InlineData("snapshot", "summary", "a", "--data")]
    [InlineData("log", "dump", "a", "--bogus")]
    [InlineData("log", "tail", "a")]
    [InlineData("purge")]
    [InlineData("purge", "dir")]
    [InlineData("purge", "dir", "-n")]
    [InlineData("purge", "dir", "-n", "x")]
    [InlineData("purge", "a", "b", "c", "-n", "3")]
    public void A_wrong_command_line_exits_2_with_the_usage(string tool, params string[] args)
    {
        Func<string[], Output.ToolConsole, int> command = tool switch
        {
            "snapshot" => SnapshotCommand.Run,
            "log" => LogCommand.Run,
            _ => PurgeCommand.Run,
        };
        var run = ToolRun.Of(command, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("usage: zknet " + tool, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_subcommand_gets_a_suggestion_and_a_stray_option_is_named()
    {
        var subcommand = ToolRun.Of(SnapshotCommand.Run, "dupm", "x");
        var option = ToolRun.Of(LogCommand.Run, "dump", "--bogus", "x");

        Assert.Equal(2, subcommand.ExitCode);
        Assert.StartsWith("zknet snapshot: unknown subcommand 'dupm'; did you mean 'dump'?", subcommand.Error, StringComparison.Ordinal);
        Assert.Equal(2, option.ExitCode);
        Assert.StartsWith("zknet log dump: unknown option '--bogus'", option.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_answers_even_when_a_required_option_is_missing()
    {
        var run = ToolRun.Of(PurgeCommand.Run, "-h");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("usage: zknet purge ", run.Out, StringComparison.Ordinal);
    }
}
