using System.Text.Json;
using System.Text.RegularExpressions;
using ZkNet.Cli.Commands;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests;

[Collection(DataDirsCollection.Name)]
public sealed partial class LogDumpTests(DataDirs dirs) : DataDirsTheories
{
    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Dump_prints_the_txns_ZooKeepers_TxnLogToolkit_prints_in_the_same_order(ServerKind writer)
    {
        var logs = dirs.Logs(writer);
        Assert.True(logs.Count > 2, "snapCount 10 should have rolled the log");
        foreach (var file in logs)
        {
            var theirs = await ZooKeeperTools.TxnLogToolkitAsync(file);
            var ours = ToolRun.Of(LogCommand.Run, "dump", file);

            Assert.Equal(0, ours.ExitCode);
            Assert.Equal("", ours.Error);
            // session, cxid, zxid and type; the toolkit's record text may run over several lines (ACLs, raw multi bytes).
            var expected = TxnLine().Matches(theirs).Select(m => m.Groups[1].Value).ToList();
            var actual = TxnLine().Matches(ours.Out).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(expected);
            for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            {
                Assert.True(expected[i] == actual[i], $"{file} txn {i}: ZooKeeper '{expected[i]}', ours '{actual[i]}'");
            }
            Assert.Equal(expected.Count, actual.Count);
            var count = Regex.Match(theirs, @"EOF reached after (\d+) txns\.").Groups[1].Value;
            Assert.Equal($"EOF reached after {count} txns.", ours.Lines[^1]);
            Assert.Equal(ours.Lines.Length - 2, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Json_dump_of_every_log_is_valid_and_shows_each_txn_kind_with_its_fields(ServerKind writer)
    {
        var txns = new List<JsonElement>();
        foreach (var file in dirs.Logs(writer))
        {
            var run = ToolRun.Of(LogCommand.Run, "dump", "--json", file);
            Assert.Equal(0, run.ExitCode);
            var root = JsonDocument.Parse(run.Out).RootElement;
            Assert.Equal("clean", root.GetProperty("end").GetString());
            Assert.Equal("ZKLG", root.GetProperty("header").GetProperty("magic").GetString());
            Assert.Equal(root.GetProperty("txns").GetArrayLength(), root.GetProperty("count").GetInt32());
            txns.AddRange(root.GetProperty("txns").EnumerateArray());
        }
        // Across the files the zxids run 1, 2, 3... without a gap.
        Assert.Equal(Enumerable.Range(1, txns.Count).Select(i => (long)i), txns.Select(t => Zxid(t)));

        JsonElement One(string type, Func<JsonElement, bool>? where = null) =>
            Assert.Single(txns, t => t.GetProperty("type").GetString() == type && (where?.Invoke(t) ?? true));
        var seen = dirs.Seen[writer];
        Assert.Equal(10000, One("createSession", t => Session(t) == seen.GetProperty("closed").GetInt64()).GetProperty("timeout").GetInt32());
        Assert.Equal(["/p/eph"], One("closeSession", t => Session(t) == seen.GetProperty("closed").GetInt64())
            .GetProperty("ephemerals").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3600000, One("createTtl").GetProperty("ttl").GetInt64());
        Assert.Equal("/cont", One("createContainer").GetProperty("path").GetString());
        var bin = One("create", t => t.GetProperty("path").GetString() == "/p/bin");
        Assert.Equal("dHdvAGJpbv8=", bin.GetProperty("data").GetString());
        Assert.False(bin.TryGetProperty("text", out _));
        Assert.Equal("world", bin.GetProperty("acl")[0].GetProperty("scheme").GetString());
        Assert.Equal(["digest:cdrwa", "world:r"], One("setACL").GetProperty("acl").EnumerateArray()
            .Select(a => a.GetProperty("scheme").GetString() + ":" + a.GetProperty("perms").GetString()));
        Assert.Equal("NodeExists", One("error").GetProperty("error").GetString());
        var multis = txns.Where(t => t.GetProperty("type").GetString() == "multi").ToList();
        Assert.Equal(2, multis.Count);
        Assert.Equal(["create", "setData", "check"], Ops(multis[0]).Select(o => o.GetProperty("type").GetString()));
        Assert.Equal("multi é", Ops(multis[0])[0].GetProperty("text").GetString());
        Assert.Equal("BadVersion", Ops(multis[1]).Single(o => o.GetProperty("type").GetString() == "error").GetProperty("error").GetString());
        if (writer == ServerKind.ApacheZooKeeper)
        {
            // ZooKeeper 3.8 logs the tree digest after every txn but a failed request's error txn.
            Assert.All(txns.Where(t => t.GetProperty("type").GetString() != "error"), t => Assert.Equal(2, t.GetProperty("digest").GetProperty("version").GetInt32()));
        }
    }

    [Fact]
    public void Text_dump_puts_a_multi_on_one_line_with_its_operations()
    {
        var lines = dirs.Logs(ServerKind.ApacheZooKeeper).SelectMany(f => ToolRun.Of(LogCommand.Run, "dump", f).Lines).ToList();

        var multi = lines.First(l => l.Contains(" multi [", StringComparison.Ordinal));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z session 0x[0-9a-f]+ cxid 0x[0-9a-f]+ zxid 0x[0-9a-f]+ multi \[create /m1 data=""multi é"" acl=\[world:anyone:cdrwa\] ephemeral=false parentCVersion=\d+; setData /p data=""d3"" version=2; check /p version=3\]$", multi);
        Assert.Contains(lines, l => l.EndsWith(" error -110 (NodeExists)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(" create /p/bin data=base64:dHdvAGJpbv8= ", StringComparison.Ordinal));
    }

    private static long Zxid(JsonElement txn) => Convert.ToInt64(txn.GetProperty("zxid").GetString()![2..], 16);

    private static long Session(JsonElement txn) => Convert.ToInt64(txn.GetProperty("session").GetString()![2..], 16);

    private static List<JsonElement> Ops(JsonElement multi) => multi.GetProperty("ops").EnumerateArray().ToList();

    [GeneratedRegex(@"^.* (session 0x[0-9a-f]+ cxid 0x[0-9a-f]+ zxid 0x[0-9a-f]+ \w+)", RegexOptions.Multiline)]
    private static partial Regex TxnLine();
}
