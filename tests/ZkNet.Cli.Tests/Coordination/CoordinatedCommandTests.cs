using ZkNet.Cli.Coordination;
using ZkNet.Testing;

namespace ZkNet.Cli.Tests.Coordination;

/// <summary><c>zknet lock</c> and <c>zknet elect</c>, called in-process against an in-process server.</summary>
public sealed class CoordinatedCommandTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private TestingServer _server = null!;
    private readonly string _scratch = Directory.CreateTempSubdirectory("zknet-lock-cli-").FullName;

    public async Task InitializeAsync() => _server = await TestingServer.StartAsync(new TestingServerOptions { TickTime = 250 }).WaitAsync(Bound);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_commands_exit_code_passes_through(bool elect)
    {
        var code = await CoordinatedCommand.RunAsync(["--server", _server.ConnectString, "/cli/exit", "--", "sh", "-c", "exit 7"], elect)
            .WaitAsync(Bound);
        Assert.Equal(7, code);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_commands_on_one_path_never_run_at_once(bool elect)
    {
        // Each command claims a folder that only one may hold: if both ran at once, one would exit 99.
        var script = $"mkdir '{_scratch}/held' || exit 99; sleep 0.3; rmdir '{_scratch}/held'";
        var runs = Enumerable.Range(0, 3)
            .Select(_ => CoordinatedCommand.RunAsync(["--server", _server.ConnectString, "/cli/exclusive", "--", "sh", "-c", script], elect))
            .ToList();
        var codes = await Task.WhenAll(runs).WaitAsync(Bound);
        Assert.All(codes, code => Assert.Equal(0, code));
    }

    [Fact]
    public async Task Losing_the_session_stops_the_command()
    {
        var error = new StringWriter();
        var started = Path.Combine(_scratch, "started");
        var run = CoordinatedCommand.RunAsync(["--server", _server.ConnectString, "--session-timeout", "1", "/cli/lost", "--",
            "sh", "-c", $"touch '{started}'; exec sleep 60"], elect: false, error);
        using (var watcher = new FileSystemWatcher(_scratch))
        {
            var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            watcher.Created += (_, e) => created.TrySetResult();
            watcher.EnableRaisingEvents = true;
            if (!File.Exists(started))
            {
                await created.Task.WaitAsync(Bound);
            }
        }
        await _server.StopAsync().WaitAsync(Bound);
        Assert.Equal(CoordinatedCommand.LostExitCode, await run.WaitAsync(Bound));
        Assert.Contains("lost the lock on /cli/lost", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_command_is_a_usage_error()
    {
        var error = new StringWriter();
        Assert.Equal(CoordinatedCommand.UsageExitCode, await CoordinatedCommand.RunAsync(["/cli/x"], elect: false, error));
        Assert.Contains("usage: zknet lock", error.ToString(), StringComparison.Ordinal);
    }
}
