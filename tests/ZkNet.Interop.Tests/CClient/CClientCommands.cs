using Xunit.Abstractions;
using ZkNet.Interop.Tests.Infrastructure;
using ZkNet.TestSupport;

namespace ZkNet.Interop.Tests.CClient;

/// <summary>The C client (libzookeeper-mt through its cli_mt shell) driven command by command.</summary>
public abstract class CClientCommands(InteropServerFixture server, ITestOutputHelper output)
    : InteropTest(server, output)
{
    private static Func<string, bool> Is(string text) => l => l.Trim() == text;

    [Fact]
    public async Task Create_set_get_and_ls_work_through_the_C_client()
    {
        var root = UniquePath.For("cclient");
        await using var cli = await CClientSession.StartAsync(Server.ConnectString);
        var created = await cli.RunAsync("create " + root, Is("name = " + root));
        Assert.Contains($"[{root}]: rc = 0", created);
        var set = await cli.RunAsync($"set {root} hello", l => l.StartsWith(root + ": rc = ", StringComparison.Ordinal));
        Assert.Equal(root + ": rc = 0 Stat:", set[^1]);
        var stat = await cli.ExpectAsync(l => l.Contains("version=", StringComparison.Ordinal));
        Assert.Equal("version=1\taversion=0", stat[^1].Trim());
        var get = await cli.RunAsync("get " + root, Is("hello"));
        Assert.Contains(" value_len = 5", get);

        await cli.RunAsync($"create +e {root}/eph", Is($"name = {root}/eph"));
        await cli.RunAsync($"create +s {root}/seq-", Is($"name = {root}/seq-0000000001"));
        await cli.RunAsync($"create +es {root}/es-", Is($"name = {root}/es-0000000002"));
        await cli.RunAsync($"create +c {root}/container", Is($"name = {root}/container"));
        await cli.RunAsync($"create +t=60000 {root}/ttl", Is($"name = {root}/ttl"));
        await cli.SendAsync("ls " + root);
        await cli.ExpectAsync(Is(root + ": rc = 0"));
        var children = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            children.Add((await cli.ExpectAsync(_ => true))[^1].Trim());
        }
        Assert.Equal(["container", "eph", "es-0000000002", "seq-0000000001", "ttl"], children.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_C_client_reports_ZooKeeper_error_codes()
    {
        var root = UniquePath.For("cclient-errors");
        await using var cli = await CClientSession.StartAsync(Server.ConnectString);
        await cli.RunAsync("create " + root, Is("name = " + root));
        await cli.RunAsync("create " + root, Is($"[{root}]: rc = -110"));
        await cli.RunAsync($"create {root}/missing/child", Is($"[{root}/missing/child]: rc = -101"));
        await cli.RunAsync($"create +e {root}/eph", Is($"name = {root}/eph"));
        await cli.RunAsync($"create {root}/eph/child", Is($"[{root}/eph/child]: rc = -108"));
        await cli.RunAsync("delete " + root, Is(root + ": rc = -111"));
        await cli.RunAsync($"get {root}/missing", Is($"{root}/missing: rc = -101"));
        await cli.RunAsync($"exists {root}/missing", Is($"Error -101 for {root}/missing"));
    }

    [Fact]
    public async Task The_C_client_prints_a_watch_event_before_the_completion_of_the_change()
    {
        var root = UniquePath.For("cclient-watch");
        await using var cli = await CClientSession.StartAsync(Server.ConnectString);
        await cli.RunAsync("create " + root, Is("name = " + root));
        // wexists on a missing node leaves an exists watch (and reports the -101).
        await cli.RunAsync($"wexists {root}/w", Is($"Error -101 for {root}/w"));
        var lines = await cli.RunAsync($"create {root}/w", Is($"name = {root}/w"));
        var eventLine = lines.ToList().FindIndex(l => l == $"Watcher CREATED_EVENT state = CONNECTED_STATE for path {root}/w");
        var replyLine = lines.ToList().FindIndex(l => l == $"[{root}/w]: rc = 0");
        Assert.True(eventLine >= 0 && replyLine > eventLine, "event then reply expected:\n" + cli.Transcript);
    }
}
