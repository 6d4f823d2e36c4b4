using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ZkNet.LoadGen.Wire;

namespace ZkNet.LoadGen.Compare;

/// <summary>Starting a server: its folder, zoo.cfg, command line, and the wait until it takes sessions.</summary>
internal sealed partial class ServerInstance
{
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
        return await LaunchAsync(label, kind, options, directory, port, TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Kills this server with SIGKILL (a crash: nothing is flushed or snapshotted on the way out) and starts it again
    /// on the same folder, zoo.cfg and port. The new instance owns the folder; <see cref="StartupTime"/> says how long
    /// it took, from process start to the first session it accepted.
    /// </summary>
    public async Task<ServerInstance> RestartAsync(CompareOptions options, CancellationToken ct)
    {
        _keepDirectory = true;
        await DisposeAsync().ConfigureAwait(false);
        // Polled often: the time to serve is the figure being measured.
        return await LaunchAsync(Label, Kind, options, Directory, Port, TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false);
    }

    private static async Task<ServerInstance> LaunchAsync(string label, ServerKind kind, CompareOptions options, string directory, int port,
        TimeSpan poll, CancellationToken ct)
    {
        var config = Path.Combine(directory, "zoo.cfg");
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
        // Appended to, so the log of a restarted server follows the log of its first life.
        var log = new StreamWriter(Path.Combine(directory, "server.log"), append: true) { AutoFlush = true };
        var started = Stopwatch.GetTimestamp();
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
            await server.WaitUntilServingAsync(TimeSpan.FromSeconds(300), poll, ct).ConfigureAwait(false);
            server.StartupTime = Stopwatch.GetElapsedTime(started);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
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

    private async Task WaitUntilServingAsync(TimeSpan timeout, TimeSpan poll, CancellationToken ct)
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
            await Task.Delay(poll, ct).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Label} did not accept a session on port {Port} within {timeout}:\n{LastLogLines(30)}");
    }
}
