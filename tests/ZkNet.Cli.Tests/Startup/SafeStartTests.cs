using System.Net;
using System.Net.Sockets;
using ZkNet.Cli.Tests.Support;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Startup;

/// <summary>
/// The zknet executable refuses to start, with one line naming the directory or port and the fix, and without
/// writing anything, when its data directory is taken, unusable, or its port is in use.
/// </summary>
public sealed class SafeStartTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_server_on_the_same_dataDir_refuses_and_the_first_keeps_serving()
    {
        await using var first = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions { Directory = _dir.Path });
        var cfg = WriteConfig(Path.Combine(_dir.Path, "data"), FreePort.Next());

        var second = await ZkNetServerAsync(cfg);

        Assert.Equal(1, second.ExitCode);
        var line = Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"zknet server: dataDir {_dir.Path}/data is in use by another server (process {first.ProcessId}) holding " +
            $"{_dir.Path}/data/zknet.lock: stop that server, or give this one its own dataDir in zoo.cfg", line);
        Assert.Equal("imok", await first.FourLetterWordAsync("ruok"));
    }

    [Fact]
    public async Task A_second_server_sharing_only_the_dataLogDir_refuses_too()
    {
        var logDir = _dir.Combine("log");
        await using var first = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions
        {
            Directory = _dir.Combine("a"),
            Config = new Dictionary<string, string> { ["dataLogDir"] = logDir },
        });
        var cfg = WriteConfig(_dir.Combine("b-data"), FreePort.Next(), $"dataLogDir={logDir}\n");

        var second = await ZkNetServerAsync(cfg);

        Assert.Equal(1, second.ExitCode);
        Assert.Contains($"dataLogDir {logDir} is in use by another server (process {first.ProcessId})", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_server_leaves_no_stale_lock()
    {
        var first = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions { Directory = _dir.Path });
        await first.KillAsync();
        await first.DisposeAsync();

        await using var again = await ServerProcess.StartAsync(ServerKind.ZkNet, new ServerStartOptions { Directory = _dir.Path });

        Assert.Equal("imok", await again.FourLetterWordAsync("ruok"));
    }

    [Fact]
    public async Task A_port_in_use_is_reported_before_anything_is_written_to_the_dataDir()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = _dir.Combine("data");
        var cfg = WriteConfig(data, port);

        var run = await ZkNetServerAsync(cfg);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"zknet server: Cannot listen on 127.0.0.1:{port} (clientPort): port {port} is already in use by another process: " +
            "stop it, or choose another clientPort in zoo.cfg", run.Error.Trim());
        Assert.False(Directory.Exists(data), "the data directory was created although the port was taken");
    }

    [Fact]
    public async Task A_dataDir_that_is_a_file_is_named_with_the_fix()
    {
        var data = _dir.Combine("data");
        await File.WriteAllTextAsync(data, "not a directory");

        var run = await ZkNetServerAsync(WriteConfig(data, FreePort.Next()));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"zknet server: dataDir {data} is a file, not a directory: point dataDir in zoo.cfg at a directory", run.Error.Trim());
    }

    [Fact]
    public async Task A_dataDir_below_a_file_is_named_with_the_file_in_the_way()
    {
        var blocker = _dir.Combine("blocker");
        await File.WriteAllTextAsync(blocker, "x");
        var data = Path.Combine(blocker, "sub", "data");

        var run = await ZkNetServerAsync(WriteConfig(data, FreePort.Next()));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"zknet server: dataDir {data} cannot be created: {blocker} is a file, not a directory; point dataDir in zoo.cfg elsewhere",
            run.Error.Trim());
    }

    [Fact]
    public async Task A_missing_dataDir_with_autocreate_off_is_refused_without_creating_it()
    {
        var data = _dir.Combine("data");

        var run = await ZkNetServerAsync(WriteConfig(data, FreePort.Next(), "zookeeper.datadir.autocreate=false\n"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"zknet server: dataDir {data}/version-2 does not exist and datadir.autocreate is false: point dataDir in zoo.cfg " +
            "at the existing data, or set zookeeper.datadir.autocreate=true to start empty", run.Error.Trim());
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task A_missing_config_file_is_one_line_naming_it()
    {
        var cfg = _dir.Combine("nope.cfg");

        var run = await ZkNetServerAsync(cfg);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"zknet server: invalid config {cfg}: zoo.cfg: cannot read {cfg}: ", line, StringComparison.Ordinal);
    }

    private string WriteConfig(string dataDir, int port, string extra = "")
    {
        var cfg = _dir.Combine(Guid.NewGuid().ToString("N")[..8] + ".cfg");
        File.WriteAllText(cfg, $"tickTime=2000\ndataDir={dataDir}\nclientPort={port}\nclientPortAddress=127.0.0.1\n{extra}");
        return cfg;
    }

    private static Task<(int ExitCode, string Out, string Error)> ZkNetServerAsync(string cfg) =>
        ExternalProcess.RunAsync("dotnet", [RepositoryPaths.ZkNetDll, "server", "--config", cfg], TimeSpan.FromSeconds(60));
}
