using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Cli.Tests.Shell;

/// <summary>zknet cli with a command on its command line: one command, its exit status, its session closed.</summary>
public sealed class OneShotTests : IAsyncLifetime
{
    private ZkNetServer? _server;

    private string Server => _server!.ConnectString;

    public async Task InitializeAsync() => _server = await ZkNetServer.StartAsync(new ServerConfig
    {
        ClientPort = 0,
        ClientPortAddress = "127.0.0.1",
        InMemory = true,
    });

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    [Fact]
    public async Task Get_of_a_missing_node_fails_with_zkCli_message()
    {
        var result = await CliRunner.ZkNetAsync(Server, null, "get", "/missing");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Node does not exist: /missing", result.Error.Trim());
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Reconfig_from_a_missing_file_fails_before_asking_the_server()
    {
        var missing = Path.Combine(Path.GetTempPath(), "zknet-no-such-" + Guid.NewGuid().ToString("N"), "dynamic.cfg");

        var result = await CliRunner.ZkNetAsync(Server, null, "reconfig", "-file", missing);

        Assert.Equal(1, result.ExitCode);
        // zkCli's wording, followed by the runtime's own reason.
        Assert.StartsWith("Error processing " + missing, result.Error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Reconfig is disabled", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ephemeral_created_by_a_one_shot_command_is_gone_when_it_exits()
    {
        var created = await CliRunner.ZkNetAsync(Server, null, "create", "-e", "/eph", "some data");
        var after = await CliRunner.ZkNetAsync(Server, null, "stat", "/eph");

        Assert.Equal(0, created.ExitCode);
        Assert.Equal("Created /eph", created.Error.Trim());
        Assert.Equal(1, after.ExitCode);
        Assert.Equal("Node does not exist: /eph", after.Error.Trim());
    }

    [Fact]
    public async Task Words_with_spaces_stay_one_argument()
    {
        await CliRunner.ZkNetAsync(Server, null, "create", "/spaced", "hello world");
        var result = await CliRunner.ZkNetAsync(Server, null, "get", "/spaced");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello world\n", result.Output);
    }

    [Fact]
    public async Task Piped_commands_exit_zero_when_all_succeed_and_print_in_order()
    {
        var result = await CliRunner.ZkNetAsync(Server, "create /piped a\nset /piped b\nget /piped\nls /piped\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("b\n[]\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chroot_in_the_server_string_roots_every_path()
    {
        await CliRunner.ZkNetAsync(Server, null, "create", "/app", "");
        await CliRunner.ZkNetAsync(Server + "/app", null, "create", "/inner", "x");
        var result = await CliRunner.ZkNetAsync(Server, null, "get", "/app/inner");

        Assert.Equal("x\n", result.Output);
    }

    [Fact]
    public async Task Unknown_command_fails_and_lists_the_commands()
    {
        var result = await CliRunner.ZkNetAsync(Server, null, "frobnicate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Command not found: Command not found frobnicate", result.Error, StringComparison.Ordinal);
        Assert.Contains("\tls [-s] [-w] [-R] path", result.Error, StringComparison.Ordinal);
    }
}
