using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ZkNet.Quorum.Configuration;
using ZkNet.TestSupport;

namespace ZkNet.Quorum.Tests.Transport;

/// <summary>An Apache ZooKeeper 3.8 ensemble member (QuorumPeerMain from the Debian jars) on loopback.</summary>
internal sealed class ApacheQuorumMember : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private ApacheQuorumMember(long sid, int clientPort, string directory, Process process)
    {
        Sid = sid;
        ClientPort = clientPort;
        Directory = directory;
        _process = process;
    }

    public long Sid { get; }

    public int ClientPort { get; }

    public string Directory { get; }

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

    public static ApacheQuorumMember Start(long sid, QuorumMaj config, params string[] jvmOptions)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zknet-quorum-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(directory, "data");
        System.IO.Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "myid"), sid.ToString(CultureInfo.InvariantCulture));
        var clientPort = FreePort.Next();
        var lines = new List<string>
        {
            "tickTime=1000", "initLimit=10", "syncLimit=5", $"dataDir={data}", $"clientPort={clientPort}",
            "clientPortAddress=127.0.0.1", "admin.enableServer=false", "4lw.commands.whitelist=*",
        };
        lines.AddRange(config.Members.Values.OrderBy(s => s.Id).Select(s => $"server.{s.Id}={s.QuorumAddress}:{s.ElectionAddress.Port}"));
        var cfg = Path.Combine(directory, "zoo.cfg");
        File.WriteAllLines(cfg, lines);
        var start = new ProcessStartInfo("java")
        {
            ArgumentList =
            {
                "-Xmx256m", "-Dzookeeper.admin.enableServer=false",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var option in jvmOptions)
        {
            start.ArgumentList.Add(option);
        }
        foreach (var argument in new[] { "-cp", ServerProcess.ZooKeeperClassPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start java");
        var member = new ApacheQuorumMember(sid, clientPort, directory, process);
        process.OutputDataReceived += (_, e) => member.Append(e.Data);
        process.ErrorDataReceived += (_, e) => member.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return member;
    }

    /// <summary>The member's <c>srvr</c> answer, or null while it does not answer.</summary>
    public async Task<string?> SrvrAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", ClientPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("srvr"u8.ToArray(), timeout.Token);
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits (bounded) until <c>srvr</c> reports <paramref name="mode"/>.</summary>
    public Task WaitForModeAsync(string mode, TimeSpan bound) => WaitForSrvrAsync("Mode: " + mode, bound);

    /// <summary>Waits (bounded) until the <c>srvr</c> answer contains <paramref name="text"/>.</summary>
    public async Task WaitForSrvrAsync(string text, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (DateTime.UtcNow < deadline)
        {
            if ((await SrvrAsync())?.Contains(text, StringComparison.Ordinal) == true)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"member {Sid} never reported '{text}'; srvr: {await SrvrAsync()}\n{Output[^Math.Min(Output.Length, 4000)..]}");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cts.Token);
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
            if (_output.Length < 500_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
