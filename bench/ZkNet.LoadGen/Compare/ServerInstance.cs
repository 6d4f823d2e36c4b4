using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ZkNet.LoadGen.Wire;

namespace ZkNet.LoadGen.Compare;

/// <summary>
/// A server started for a comparison: its own temp folder (zoo.cfg, data, server.log), a free loopback port,
/// and killed by its process id when disposed, or when this process exits for any other reason.
/// </summary>
internal sealed class ServerInstance : IAsyncDisposable
{
    private const string ZooKeeperClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar";
    private static readonly List<Process> Live = [];
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;

    static ServerInstance() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllLive();

    private ServerInstance(string label, ServerKind kind, int port, string directory, Process process, StreamWriter log)
    {
        Label = label;
        Kind = kind;
        Port = port;
        Directory = directory;
        _process = process;
        _log = log;
    }

    public string Label { get; }

    public ServerKind Kind { get; }

    public int Port { get; }

    public string Directory { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string LogPath => Path.Combine(Directory, "server.log");

    public static async Task<ServerInstance> StartAsync(string label, ServerKind kind, CompareOptions options, CancellationToken ct)
    {
        var directory = Path.Combine(options.DataRoot ?? Path.GetTempPath(), $"zknet-bench-{label.Replace('#', '-')}-{Guid.NewGuid():N}"[..40]);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "data"));
        var port = FreePort();
        var config = Path.Combine(directory, "zoo.cfg");
        await File.WriteAllLinesAsync(config,
        [
            "tickTime=2000",
            "dataDir=" + Path.Combine(directory, "data"),
            "clientPort=" + port.ToString(CultureInfo.InvariantCulture),
            "clientPortAddress=127.0.0.1",
            "maxClientCnxns=0",
            "4lw.commands.whitelist=*",
            "admin.enableServer=false",
            "forceSync=" + (options.ForceSync ? "yes" : "no"),
        ], ct).ConfigureAwait(false);

        var start = kind == ServerKind.Apache
            ? new ProcessStartInfo("java")
            {
                ArgumentList =
                {
                    "-Xmx" + options.JvmHeap, "-Dzookeeper.admin.enableServer=false", "-cp", ZooKeeperClassPath,
                    "org.apache.zookeeper.server.ZooKeeperServerMain", config,
                },
            }
            : new ProcessStartInfo("dotnet") { ArgumentList = { ResolveZkNetDll(options.ZkNetDll), "server", "--config", config } };
        // The load generator's own tuning must not leak into the server under test (which inherits our environment).
        start.Environment.Remove(Commands.InlineCompletionsVariable);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = directory;
        var log = new StreamWriter(Path.Combine(directory, "server.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + label);
        lock (Live)
        {
            Live.Add(process);
        }
        var server = new ServerInstance(label, kind, port, directory, process, log);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilServingAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    public string LastLogLines(int count)
    {
        try
        {
            lock (_log)
            {
                using var reader = new StreamReader(new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                var lines = reader.ReadToEnd().Split('\n');
                return string.Join('\n', lines.TakeLast(count));
            }
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Kills the server by its pid and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Already sent SIGKILL; nothing more to do.
            }
        }
        lock (Live)
        {
            Live.Remove(_process);
        }
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not remove {Directory}: {e.Message}");
        }
    }

    /// <summary>The zknet.dll to run: the one given, else the repository's Release build; it must exist.</summary>
    public static string ResolveZkNetDll(string? given)
    {
        var dll = given ?? Path.Combine(RepositoryRoot(), "src", "ZkNet.Cli", "bin", "Release", "net10.0", "zknet.dll");
        return File.Exists(dll) ? Path.GetFullPath(dll) : throw new ArgumentException($"{dll} does not exist: build it with 'dotnet build -c Release src/ZkNet.Cli' or pass --zknet-dll");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ZkNet.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? System.IO.Directory.GetCurrentDirectory();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                // By pid only: the servers start no children of their own.
                process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static void KillAllLive()
    {
        lock (Live)
        {
            foreach (var process in Live)
            {
                Kill(process);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            if (!_logClosed && _log.BaseStream.Length < 50_000_000)
            {
                _log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new IOException($"{Label} exited with code {_process.ExitCode} during startup:\n{LastLogLines(30)}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                // A real session handshake, not a four-letter word: it proves the server takes clients.
                await using var session = await BenchSession.ConnectAsync("127.0.0.1", Port, 10_000, attempt.Token).ConfigureAwait(false);
                await session.CloseSessionAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is IOException or SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
            }
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Label} did not accept a session on port {Port} within {timeout}:\n{LastLogLines(30)}");
    }
}
