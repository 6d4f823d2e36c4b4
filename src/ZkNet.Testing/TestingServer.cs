using Microsoft.Extensions.Logging;
using ZkNet.Client;
using ZkNet.Hosting;
using ZkNet.Hosting.Configuration;

namespace ZkNet.Testing;

/// <summary>
/// A real ZkNet server running inside the test process on a free loopback port, like Curator's TestingServer:
/// <c>await using var server = await TestingServer.StartAsync();</c> then connect to <see cref="ConnectString"/>.
/// It is built through ZkNet.Hosting exactly as the zknet executable builds it, with its data in a temporary folder
/// that survives <see cref="RestartAsync"/> and is deleted on dispose.
/// </summary>
public sealed class TestingServer : IAsyncDisposable
{
    private readonly TestingServerOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly bool _ownsDirectory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ZkNetServer? _server;
    private int _port;
    private bool _disposed;

    private TestingServer(TestingServerOptions options, ILoggerFactory? loggerFactory, string dataDirectory, bool ownsDirectory)
    {
        _options = options;
        _loggerFactory = loggerFactory;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
        _port = options.Port;
    }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port => _port;

    /// <summary>"127.0.0.1:port", for <see cref="ZooKeeperClientOptions.ConnectString"/> or any ZooKeeper client.</summary>
    public string ConnectString => $"127.0.0.1:{_port}";

    /// <summary>Where the server keeps its data.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether the server is accepting clients (false between <see cref="StopAsync"/> and <see cref="RestartAsync"/>).</summary>
    public bool IsRunning => Volatile.Read(ref _server) is not null;

    /// <summary>Starts a server and returns once it accepts clients.</summary>
    /// <param name="options">Settings, or null for the defaults (a free port, a temporary data folder).</param>
    /// <param name="loggerFactory">Where the server logs, or null for nowhere.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<TestingServer> StartAsync(TestingServerOptions? options = null, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new TestingServerOptions();
        var ownsDirectory = options.DataDirectory is null;
        var directory = options.DataDirectory ?? TemporaryFolder.NewPath("zknet-testing-");
        Directory.CreateDirectory(directory);
        var server = new TestingServer(options, loggerFactory, directory, ownsDirectory);
        try
        {
            await server.RestartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects a new client with a 10 s session unless <paramref name="configure"/> changes it; the caller disposes it.</summary>
    /// <param name="configure">Adjusts the options (session timeout, chroot...) before connecting.</param>
    /// <param name="cancellationToken">Cancels the wait for the session.</param>
    public Task<ZooKeeperClient> ConnectAsync(Func<ZooKeeperClientOptions, ZooKeeperClientOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var options = new ZooKeeperClientOptions { ConnectString = ConnectString, SessionTimeout = TimeSpan.FromSeconds(10) };
        return ZooKeeperClient.ConnectAsync(configure?.Invoke(options) ?? options, _loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Stops the server as a crash would look to clients: every connection drops, sessions stay in the data and
    /// resume if their clients reconnect within their timeout after <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _server, null) is { } server)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Starts the server again on the same port with the same data (stopping it first if it runs), as Curator's
    /// TestingServer.restart does.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Interlocked.Exchange(ref _server, null) is { } running)
            {
                await running.DisposeAsync().ConfigureAwait(false);
            }
            var server = await ZkNetServer.StartAsync(ToConfig(), _loggerFactory, cancellationToken).ConfigureAwait(false);
            _port = server.ClientEndPoint.Port;
            Volatile.Write(ref _server, server);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server and deletes its temporary data folder (a folder given in the options is kept).</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            if (Interlocked.Exchange(ref _server, null) is { } server)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            if (_ownsDirectory)
            {
                TemporaryFolder.TryDelete(DataDirectory);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private ServerConfig ToConfig() => new()
    {
        ClientPort = _port,
        ClientPortAddress = "127.0.0.1",
        DataDir = DataDirectory,
        TickTime = _options.TickTime,
        ForceSync = _options.ForceSync,
        ExtendedTypesEnabled = _options.ExtendedTypesEnabled,
        ContainerCheckIntervalMs = _options.ContainerCheckIntervalMs,
        MaxClientCnxns = 0,
        FourLetterWordWhitelist = new HashSet<string>(StringComparer.Ordinal) { "*" },
    };
}
