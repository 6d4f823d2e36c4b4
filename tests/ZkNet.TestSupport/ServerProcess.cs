using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ZkNet.TestSupport;

/// <summary>
/// A ZooKeeper-protocol server (ZkNet or Apache ZooKeeper 3.8) running as a real process on 127.0.0.1 with its
/// own zoo.cfg and data directory in a temporary folder. Started with <see cref="StartAsync"/>, killed by process
/// id and cleaned up on dispose. Tests that need both servers run the same expectations against each.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>The jars of the Debian zookeeper package (its manifest names the rest of the class path).</summary>
    public const string ZooKeeperClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(ServerKind kind, int port, string directory, Process process)
    {
        Kind = kind;
        Port = port;
        Directory = directory;
        _process = process;
    }

    /// <summary>Which server this is.</summary>
    public ServerKind Kind { get; }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The temporary folder holding zoo.cfg and the data directory.</summary>
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
    public static async Task<ServerProcess> StartAsync(ServerKind kind, IReadOnlyDictionary<string, string>? extraConfig = null,
        TimeSpan? startTimeout = null, IReadOnlyDictionary<string, string>? systemProperties = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zknet-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        var port = FreePort.Next();
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
        foreach (var (key, value) in extraConfig ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }
        if (kind == ServerKind.ZkNet)
        {
            foreach (var (key, value) in systemProperties ?? new Dictionary<string, string>())
            {
                config[key] = value;
            }
        }
        var cfgPath = Path.Combine(directory, "zoo.cfg");
        await File.WriteAllLinesAsync(cfgPath, config.Select(kv => $"{kv.Key}={kv.Value}")).ConfigureAwait(false);

        var start = kind == ServerKind.ZkNet
            ? new ProcessStartInfo("dotnet") { ArgumentList = { RepositoryPaths.ZkNetDll, "server", "--config", cfgPath } }
            : new ProcessStartInfo("java");
        if (kind == ServerKind.ApacheZooKeeper)
        {
            start.ArgumentList.Add("-Xmx512m");
            start.ArgumentList.Add("-Dzookeeper.admin.enableServer=false");
            foreach (var (key, value) in systemProperties ?? new Dictionary<string, string>())
            {
                start.ArgumentList.Add($"-D{key}={value}");
            }
            start.ArgumentList.Add("-cp");
            start.ArgumentList.Add(ZooKeeperClassPath);
            start.ArgumentList.Add("org.apache.zookeeper.server.ZooKeeperServerMain");
            start.ArgumentList.Add(cfgPath);
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = directory;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + kind);
        var server = new ServerProcess(kind, port, directory, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilServingAsync(startTimeout ?? TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    /// <summary>Sends a four-letter word and returns the whole answer (the server closes after answering).</summary>
    public async Task<string> FourLetterWordAsync(string word, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), cts.Token).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(cts.Token).ConfigureAwait(false);
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

    /// <summary>Opens and closes a session with raw bytes: true when the server granted one (non-zero timeout).</summary>
    public async Task<bool> HandshakeSucceedsAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cts.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        // ConnectRequest: protocolVersion 0, lastZxidSeen 0, timeout 4000, sessionId 0, 16-byte password, readOnly false.
        var request = new byte[4 + 45];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(request, 45);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(16), 4000);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(28), 16);
        await stream.WriteAsync(request, cts.Token).ConfigureAwait(false);
        var header = new byte[4 + 8];
        await stream.ReadExactlyAsync(header, cts.Token).ConfigureAwait(false);
        var negotiated = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        if (negotiated > 0)
        {
            // closeSession (xid 1, op -11) so the probe leaves no session behind.
            var close = new byte[12];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(close, 8);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(close.AsSpan(4), 1);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(close.AsSpan(8), -11);
            await stream.WriteAsync(close, cts.Token).ConfigureAwait(false);
        }
        return negotiated > 0;
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Kind} exited with {_process.ExitCode} during startup:\n{Output}");
            }
            try
            {
                // ruok answers imok before Apache ZooKeeper has loaded its data; srvr answers with statistics only once
                // the server is running (and, unlike a probe session, consumes no zxid).
                if ((await FourLetterWordAsync("srvr", TimeSpan.FromSeconds(2)).ConfigureAwait(false)).StartsWith("Zookeeper version:", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
            catch (OperationCanceledException)
            {
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Kind} did not answer ruok on port {Port} within {timeout}:\n{Output}");
    }
}
