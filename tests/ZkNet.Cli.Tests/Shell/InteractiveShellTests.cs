using System.Text;
using ZkNet.Client;
using ZkNet.Client.Watches;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>
/// <c>zknet cli</c> without a command, in a real terminal (tmux): lines that wrap, the editing keys, history search,
/// znode path completion, and Ctrl-C closing the session. One server for the class; each test its own nodes.
/// </summary>
public sealed class InteractiveShellTests(InteractiveShellTests.ServerFixture fixture) : IClassFixture<InteractiveShellTests.ServerFixture>
{
    private const int Width = 60;

    [Fact]
    public async Task Editing_keys_work_on_a_line_that_wraps_and_the_prompt_is_drawn_once()
    {
        var name = "/edit-" + new string('w', 70);
        await using var terminal = await StartShellAsync();

        await terminal.TypeAsync("garbage-one");
        await terminal.PressAsync("C-u");                      // delete to the start
        await terminal.TypeAsync("garbage-two");
        await terminal.PressAsync("C-a", "C-k");               // to the start, delete to the end
        await terminal.TypeAsync($"reate {name} value junk");  // longer than the terminal is wide
        await terminal.PressAsync("C-w", "C-a");               // delete the last word, to the start
        await terminal.TypeAsync("c");
        await terminal.PressAsync("C-e", "Enter");
        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.StartsWith("[zk: ", StringComparison.Ordinal) && l.Contains(") 1]", StringComparison.Ordinal)), "the next prompt");

        var data = await fixture.Client.GetDataAsync(name);
        Assert.Equal("value", Encoding.UTF8.GetString(data.Data));
        var first = Array.FindIndex(screen, l => l.Contains(") 0] ", StringComparison.Ordinal));
        var created = Array.FindIndex(screen, l => l.StartsWith("Created ", StringComparison.Ordinal));
        Assert.True(first >= 0 && created > first + 1, string.Join('\n', screen));
        // The command's rows are the prompt and the line, wrapped at the width: the prompt once, nothing left of the
        // deleted text.
        var line = $"{Prompt(0)}create {name} value ";
        var rows = Enumerable.Range(0, (line.Length + Width - 1) / Width).Select(i => line.Substring(i * Width, Math.Min(Width, line.Length - (i * Width))).TrimEnd());
        Assert.Equal(rows, screen[first..created].Where(r => r.Length > 0));
        Assert.Single(screen, l => l.Contains(") 0] c", StringComparison.Ordinal));
        Assert.DoesNotContain(screen, l => l.Contains("garbage", StringComparison.Ordinal) || l.Contains("junk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_r_finds_an_earlier_command_and_enter_runs_it()
    {
        await using var terminal = await StartShellAsync();
        await RunAsync(terminal, "create /hist-a first", 1);
        await RunAsync(terminal, "delete /hist-a", 2);
        await RunAsync(terminal, "ls /zookeeper", 3);

        await terminal.PressAsync("C-r");
        await terminal.TypeAsync("hist");
        await terminal.WaitForScreenAsync(s => s.Contains("(reverse-i-search)`hist': delete /hist-a"), "the newest match");
        await terminal.PressAsync("C-r");
        await terminal.WaitForScreenAsync(s => s.Contains("(reverse-i-search)`hist': create /hist-a first"), "the next older match");
        await terminal.PressAsync("Enter");
        var screen = await terminal.WaitForScreenAsync(s => s.Any(l => l.StartsWith(Prompt(4).TrimEnd(), StringComparison.Ordinal)), "the prompt after the found command");

        Assert.Contains(Prompt(3) + "create /hist-a first", screen);
        Assert.Equal("first", Encoding.UTF8.GetString((await fixture.Client.GetDataAsync("/hist-a")).Data));
    }

    [Fact]
    public async Task Tab_completes_znode_paths_from_the_server()
    {
        foreach (var path in new[] { "/tabcomp", "/tabcomp/alpha-one", "/tabcomp/alpha-one/leaf", "/tabcomp/alpha-two", "/tabcomp/beta" })
        {
            await fixture.Client.CreateAsync(path, null, Acl.OpenAclUnsafe);
        }
        await using var terminal = await StartShellAsync();

        await terminal.TypeAsync("ls /tabc");
        await terminal.PressAsync("Tab");
        // As zkCli's completer: a znode with children is completed without a slash (a path must not end in one).
        await terminal.WaitForScreenAsync(s => s.Contains(Prompt(0) + "ls /tabcomp"), "/tabcomp completed");
        await terminal.TypeAsync("/b");
        await terminal.PressAsync("Tab");
        await terminal.WaitForScreenAsync(s => s.Contains(Prompt(0) + "ls /tabcomp/beta"), "beta completed");
        await terminal.PressAsync("C-u");
        await terminal.TypeAsync("ls /tabcomp/al");
        await terminal.PressAsync("Tab");
        await terminal.WaitForScreenAsync(s => s.Contains(Prompt(0) + "ls /tabcomp/alpha-"), "the common prefix");
        await terminal.PressAsync("Tab");
        await terminal.WaitForScreenAsync(s => s.Contains("alpha-one  alpha-two"), "the choices listed");
        await terminal.TypeAsync("o");
        await terminal.PressAsync("Tab", "Enter");
        var screen = await terminal.WaitForScreenAsync(s => s.Contains("[leaf]"), "the children of /tabcomp/alpha-one");

        Assert.Contains(Prompt(0) + "ls /tabcomp/alpha-one", screen);
        Assert.DoesNotContain(screen, l => l.Contains("Invalid path", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_c_ends_the_shell_and_closes_its_session_at_once()
    {
        await using var terminal = await StartShellAsync();
        await RunAsync(terminal, "create -e /ctrl-c-ephemeral x", 1);
        var deleted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.NotNull(await fixture.Client.ExistsAsync("/ctrl-c-ephemeral", Watcher.Create(e =>
        {
            if (e.Type == EventType.NodeDeleted)
            {
                deleted.TrySetResult();
            }
        })));

        await terminal.PressAsync("C-c");

        // The session's timeout is 30 s: an ephemeral gone within 10 s went with a closed session, not an expired one.
        await deleted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(130, await terminal.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>The prompt before command <paramref name="number"/>; a row showing it alone has its trailing space trimmed.</summary>
    private string Prompt(int number) => $"[zk: {fixture.Server.ConnectString}(CONNECTED) {number}] ";

    private async Task<TmuxTerminal> StartShellAsync()
    {
        var terminal = await TmuxTerminal.StartAsync(Width, 30, "dotnet", RepositoryPaths.ZkNetDll, "cli", "-server", fixture.Server.ConnectString, "-timeout", "30000");
        try
        {
            // zkCli's connection event is printed by the event thread, after the prompt or before it; keys typed before
            // it arrives would have it land inside the line being edited.
            await terminal.WaitForScreenAsync(s => s.Contains(Prompt(0).TrimEnd()) && s.Contains("WatchedEvent state:SyncConnected type:None path:null"),
                "the first prompt and the connection event", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await terminal.DisposeAsync();
            throw;
        }
        return terminal;
    }

    private async Task RunAsync(TmuxTerminal terminal, string command, int next)
    {
        await terminal.TypeAsync(command);
        await terminal.PressAsync("Enter");
        await terminal.WaitForScreenAsync(s => s.Contains(Prompt(next).TrimEnd()), $"the prompt after '{command}'");
    }

    /// <summary>An in-memory server and a client to set up and check nodes with.</summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        public ZkNetServer Server { get; private set; } = null!;

        public ZooKeeperClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Server = await ZkNetServer.StartAsync(new ServerConfig { ClientPort = 0, ClientPortAddress = "127.0.0.1", InMemory = true });
            Client = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = Server.ConnectString });
        }

        public async Task DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }
    }
}
