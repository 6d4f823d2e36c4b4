using System.Diagnostics;
using System.Globalization;
using ZkNet.TestSupport;

namespace ZkNet.Cli.Tests.Support;

/// <summary>
/// Apache ZooKeeper started the way zkServer.sh starts it, through QuorumPeerMain: unlike ZooKeeperServerMain (which
/// <see cref="ServerProcess"/> runs) it also starts the DatadirCleanupManager, ZooKeeper's autopurge. Killed by process
/// id on dispose.
/// </summary>
public sealed class QuorumPeerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private QuorumPeerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<QuorumPeerProcess> StartAsync(string workDir, IReadOnlyDictionary<string, string> config)
    {
        var port = FreePort.Next();
        var lines = new Dictionary<string, string>
        {
            ["tickTime"] = "2000",
            ["clientPort"] = port.ToString(CultureInfo.InvariantCulture),
            ["clientPortAddress"] = "127.0.0.1",
            ["4lw.commands.whitelist"] = "*",
            ["admin.enableServer"] = "false",
        };
        foreach (var (key, value) in config)
        {
            lines[key] = value;
        }
        var cfg = Path.Combine(workDir, "zoo.cfg");
        await File.WriteAllLinesAsync(cfg, lines.Select(kv => $"{kv.Key}={kv.Value}"));
        var start = new ProcessStartInfo("java")
        {
            ArgumentList =
            {
                "-Xmx256m", "-Dzookeeper.admin.enableServer=false", "-cp", ServerProcess.ZooKeeperClassPath,
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new QuorumPeerProcess(process, port);
        try
        {
            await peer.WaitServingAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cts.Token);
        _process.Dispose();
    }

    private async Task WaitServingAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper exited with {_process.ExitCode} during startup");
            }
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.ConnectAsync("127.0.0.1", Port, cts.Token);
                await client.GetStream().WriteAsync("srvr"u8.ToArray(), cts.Token);
                using var reader = new StreamReader(client.GetStream());
                if ((await reader.ReadToEndAsync(cts.Token)).Contains("Mode:", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("ZooKeeper did not start serving on port " + Port);
    }
}
