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
internal sealed partial class ServerInstance : IAsyncDisposable
{
    private const string ZooKeeperClassPath = "/usr/share/java/zookeeper.jar:/usr/share/java/slf4j-simple.jar";
    private static readonly List<Process> Live = [];
    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _logClosed;
    private bool _keepDirectory;

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

    /// <summary>From process start to the first session the server accepted.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Bytes under the server's dataDir (txn logs and snapshots) right now.</summary>
    public long DataBytes()
    {
        try
        {
            return new DirectoryInfo(Path.Combine(Directory, "data")).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0;
        }
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
        if (_keepDirectory)
        {
            return;
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
}
