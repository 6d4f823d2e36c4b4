using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ZkNet.TestSupport;

/// <summary>
/// A ZooKeeper-protocol server (ZkNet or Apache ZooKeeper 3.8) running as a real process on 127.0.0.1 with its
/// own zoo.cfg and data directory in a temporary folder. Started with <see cref="StartAsync(ServerKind, ServerStartOptions)"/>, killed by process
/// id and cleaned up on dispose. Tests that need both servers run the same expectations against each.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    /// <summary>The jars of the Debian zookeeper package (its manifest names the rest of the class path).</summary>
    public const string ZooKeeperClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private readonly bool _ownsDirectory;

    private ServerProcess(ServerKind kind, int port, string directory, Process process, bool ownsDirectory)
    {
        _ownsDirectory = ownsDirectory;
        Kind = kind;
        Port = port;
        Directory = directory;
        _process = process;
    }

    /// <summary>Which server this is.</summary>
    public ServerKind Kind { get; }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The folder holding zoo.cfg and the data directory (by default a temporary one).</summary>
    public string Directory { get; }

    /// <summary>host:port for clients.</summary>
    public string ConnectString => $"127.0.0.1:{Port}";

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Everything the server printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a standalone server with tickTime 2000 unless <paramref name="extraConfig"/> says otherwise, every
    /// four-letter word allowed, extended types (TTL) enabled and the admin server off, then waits (bounded) until
    /// it answers <c>ruok</c>. <paramref name="systemProperties"/> are settings Apache ZooKeeper reads only as Java
    /// system properties (e.g. znode.container.checkIntervalMs, which zoo.cfg cannot set there): Apache ZooKeeper
    /// gets them as -D options, ZkNet as zoo.cfg keys, which is how ZkNet takes them.
    /// </summary>
    public static Task<ServerProcess> StartAsync(ServerKind kind, IReadOnlyDictionary<string, string>? extraConfig = null,
        TimeSpan? startTimeout = null, IReadOnlyDictionary<string, string>? systemProperties = null) =>
        StartAsync(kind, new ServerStartOptions
        {
            Config = extraConfig,
            SystemProperties = systemProperties,
            StartTimeout = startTimeout ?? TimeSpan.FromSeconds(30),
        });

    /// <summary>Starts a standalone server as <paramref name="options"/> say (see <see cref="ServerStartOptions"/>).</summary>
    public static async Task<ServerProcess> StartAsync(ServerKind kind, ServerStartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ownsDirectory = options.Directory is null;
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "zknet-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        var port = options.Port ?? FreePort.Next();
        var config = new Dictionary<string, string>
        {
            ["tickTime"] = "2000",
            ["dataDir"] = Path.Combine(directory, "data"),
            ["clientPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["clientPortAddress"] = "127.0.0.1",
            ["4lw.commands.whitelist"] = "*",
            ["admin.enableServer"] = "false",
            ["extendedTypesEnabled"] = "true",
        };
        foreach (var (key, value) in options.Config ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }
        var systemProperties = options.SystemProperties ?? new Dictionary<string, string>();
        if (kind == ServerKind.ZkNet)
        {
            foreach (var (key, value) in systemProperties)
            {
                config[key] = value;
            }
        }
        var cfgPath = Path.Combine(directory, "zoo.cfg");
        await File.WriteAllLinesAsync(cfgPath, config.Select(kv => $"{kv.Key}={kv.Value}")).ConfigureAwait(false);

        var start = kind == ServerKind.ZkNet
            ? new ProcessStartInfo("dotnet") { ArgumentList = { RepositoryPaths.ZkNetDll, "server", "--config", cfgPath } }
            : new ProcessStartInfo("java");
        foreach (var argument in kind == ServerKind.ZkNet ? options.ServerArguments ?? [] : [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        if (kind == ServerKind.ApacheZooKeeper)
        {
            start.ArgumentList.Add("-Xmx512m");
            start.ArgumentList.Add("-Dzookeeper.admin.enableServer=false");
            foreach (var option in options.JvmOptions ?? [])
            {
                start.ArgumentList.Add(option);
            }
            foreach (var (key, value) in systemProperties)
            {
                start.ArgumentList.Add($"-D{key}={value}");
            }
            start.ArgumentList.Add("-cp");
            start.ArgumentList.Add(string.Join(':', [options.ClassPath ?? ZooKeeperClassPath, .. options.ExtraClassPath ?? []]));
            start.ArgumentList.Add(options.QuorumMember ? "org.apache.zookeeper.server.quorum.QuorumPeerMain" : "org.apache.zookeeper.server.ZooKeeperServerMain");
            start.ArgumentList.Add(cfgPath);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = directory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + kind);
        var server = new ServerProcess(kind, port, directory, process, ownsDirectory);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!options.WaitUntilServing)
        {
            return server;
        }
        try
        {
            await server.WaitUntilServingAsync(options.StartTimeout, options.WaitForSrvr).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    /// <summary>Kills the process (SIGKILL) and waits for it to exit; the folder is kept.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops the process as an operator does (SIGTERM, what <c>zkServer.sh stop</c> and systemd send) and waits for it
    /// to exit; one that has not exited after <paramref name="timeout"/> is killed. The folder is kept.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await term.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
        if (!_ownsDirectory)
        {
            return;
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 1_000_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
