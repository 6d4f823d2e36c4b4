using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Hosting.Configuration;
using ZkNet.Hosting.Network;
using ZkNet.Hosting.Persistence;
using ZkNet.Hosting.Security;
using ZkNet.Protocol.Records;
using ZkNet.Server;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting;

/// <summary>
/// A running ZkNet server: the request pipeline plus the client port. This is what the zknet executable runs and
/// what tests and benchmarks start in-process, so that what is tested is what ships.
/// </summary>
public sealed partial class ZkNetServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ConnectionRegistry _connections = new();
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposeStarted;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _connectionTasks = [];
    private readonly ServerConfig _config;
    private readonly ConnectionLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private Task? _acceptLoop;
    private DurableState? _durable;

    private ZkNetServer(ServerConfig config, ZooKeeperServer core, Socket listener, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _config = config;
        _core = core;
        _time = time;
        _outOfServiceSince = time.GetTimestamp();
        _loggerFactory = loggerFactory;
        _listener = listener;
        _logger = loggerFactory.CreateLogger<ZkNetServer>();
        _limits = new ConnectionLimits(Math.Max(1, config.MaxOutstandingRequestsPerConnection), config.GlobalOutstandingLimit,
            config.MaxQueuedOutputBytesPerConnection, config.SessionlessCnxnTimeout, time)
        {
            HandshakeCore = CoreForHandshakeAsync,
        };
        core.Connections = _connections;
        // Create the figures (and the tree's write hook) before the first request can arrive.
        _ = core.Metrics;
    }

    /// <summary>The request pipeline (an ensemble member gets a new one for each role).</summary>
    public ZooKeeperServer Core { get => Volatile.Read(ref _core); private set => Volatile.Write(ref _core, value); }

    private ZooKeeperServer _core;

    /// <summary>Where clients connect.</summary>
    public IPEndPoint ClientEndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>host:port for clients.</summary>
    public string ConnectString => $"{ClientEndPoint.Address}:{ClientEndPoint.Port}";

    /// <summary>Completes when the server has stopped (disposed, or stopped itself after a fatal fault).</summary>
    public Task Completion => _completion.Task;

    /// <summary>
    /// Why the server stopped itself (a failed log write or sync), or null while it runs or when it was stopped
    /// normally. Set before <see cref="Completion"/> completes.
    /// </summary>
    public Exception? Fault { get; private set; }

    /// <summary>Starts a server with <paramref name="config"/> (clientPort 0 picks a free port).</summary>
    /// <exception cref="IOException">The data directory cannot be recovered (a corrupt log, no valid snapshot, logs
    /// without a snapshot) or written.</exception>
    public static Task<ZkNetServer> StartAsync(ServerConfig config, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default) =>
        StartAsync(config, loggerFactory, wrapTxnLog: null, cancellationToken);

    /// <summary>
    /// Starts a server whose txn log is wrapped by <paramref name="wrapTxnLog"/>, a seam for instrumentation and
    /// fault injection (tests make a sync fail this way); without a data directory (in-memory) there is no log.
    /// </summary>
    public static Task<ZkNetServer> StartAsync(ServerConfig config, ILoggerFactory? loggerFactory, Func<ITxnLog, ITxnLog>? wrapTxnLog,
        CancellationToken cancellationToken = default) =>
        StartAsync(config, loggerFactory, wrapTxnLog, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Starts a server whose clocks (session expiry, reaping, the handshake deadline, autopurge) are
    /// <paramref name="time"/>, so tests can run them on virtual time.
    /// </summary>
    public static Task<ZkNetServer> StartAsync(ServerConfig config, ILoggerFactory? loggerFactory, Func<ITxnLog, ITxnLog>? wrapTxnLog,
        TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        cancellationToken.ThrowIfCancellationRequested();
        loggerFactory ??= NullLoggerFactory.Instance;
        var ensemble = EnsembleConfig.Read(config);
        if (ensemble.IsDistributed)
        {
            return StartEnsembleMember(config, ensemble, loggerFactory, time).StartObservabilityAsync();
        }
        // The port first: a port in use must be reported before the data directory is locked or written.
        var listener = ClientListener.Bind("clientPort", config.ClientPortAddress, config.ClientPort, config.ClientPortListenBacklog);
        DurableState? durable;
        (Socket? Listener, TlsServerContext? Context) secure = default;
        try
        {
            secure = BindSecure(config);
            durable = config.InMemory ? null : DurableState.Open(config, loggerFactory.CreateLogger("ZkNet.Persistence"));
        }
        catch
        {
            listener.Dispose();
            secure.Listener?.Dispose();
            throw;
        }
        ITxnLog? txnLog = durable?.TxnLog;
        if (txnLog is not null && wrapTxnLog is not null)
        {
            txnLog = wrapTxnLog(txnLog);
        }
        var core = new ZooKeeperServer(ToOptions(config), txnLog, time, logger: loggerFactory.CreateLogger<ZooKeeperServer>(),
            tree: durable?.Recovered.Tree);
        try
        {
            durable?.Attach(core);
        }
        catch
        {
            // The startup snapshot failed (e.g. a full disk): release the log before reporting it.
            listener.Dispose();
            secure.Listener?.Dispose();
            durable?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        var server = new ZkNetServer(config, core, listener, loggerFactory, time)
        {
            _durable = durable, _secureListener = secure.Listener, _tlsContext = secure.Context,
        };
        durable?.StartAutopurge(time);
        core.Faulted += server.OnCoreFaulted;
        core.Start();
        server._acceptLoop = Task.Run(server.AcceptLoopAsync, CancellationToken.None);
        server.StartSecure();
        server.LogStarted(BuildInfo.ServerVersion, server.ConnectString, config.TickTime);
        return server.StartObservabilityAsync();
    }

    /// <summary>
    /// The core failed (its log can no longer be written): it already refused to acknowledge anything after the
    /// failure; stop serving altogether, as ZooKeeper does when its sync thread fails.
    /// </summary>
    private void OnCoreFaulted(Exception ex)
    {
        Fault = ex;
        LogFaulted(ex.Message);
        _ = DisposeAsync().AsTask().ContinueWith(t => LogShutdownFailed(t.Exception!), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>Maps zoo.cfg settings onto the core's options.</summary>
    public static ZooKeeperServerOptions ToOptions(ServerConfig config) => new()
    {
        TickTime = config.TickTime,
        MinSessionTimeout = config.EffectiveMinSessionTimeout,
        MaxSessionTimeout = config.EffectiveMaxSessionTimeout,
        MaxBuffer = config.JuteMaxBuffer,
        ConnectionThrottle = config.ConnectionThrottle,
        RequestThrottle = config.RequestThrottle,
        LargeRequests = config.LargeRequestThreshold >= 0 ? new ZkNet.Server.Throttling.LargeRequestBudget(config.LargeRequestThreshold, config.LargeRequestMaxBytes) : null,
        ExtendedTypesEnabled = config.ExtendedTypesEnabled,
        SuperDigest = config.SuperDigest,
        SkipAcl = config.SkipAcl,
        DigestEnabled = config.DigestEnabled,
        EnforceQuota = config.EnforceQuota,
        LocalSessionsEnabled = config.LocalSessionsEnabled,
        LocalSessionsUpgradingEnabled = config.LocalSessionsUpgradingEnabled,
        SaslUsers = config.Sasl.Users,
        EnforcedAuthSchemes = config.Sasl.EnforcedSchemes,
        ContainerCheckIntervalMs = config.ContainerCheckIntervalMs,
        ContainerMaxPerMinute = config.ContainerMaxPerMinute,
        FourLetterWordWhitelist = config.FourLetterWordWhitelist,
        SnapCount = Math.Max(2, config.SnapCount),
        SnapSizeLimitInKb = config.SnapSizeLimitInKb,
        DataDirSize = () => DirectorySize(Path.Combine(config.DataDir, "version-2")),
        DataLogDirSize = () => DirectorySize(Path.Combine(config.DataLogDir ?? config.DataDir, "version-2")),
        ConfLines =
        [
            new("clientPort", config.ClientPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("secureClientPort", config.Tls.SecureClientPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-1"),
            new("dataDir", Path.Combine(Path.GetFullPath(config.DataDir), "version-2")),
            new("dataLogDir", Path.Combine(Path.GetFullPath(config.DataLogDir ?? config.DataDir), "version-2")),
            new("tickTime", config.TickTime.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("maxClientCnxns", config.MaxClientCnxns.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("minSessionTimeout", config.EffectiveMinSessionTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("maxSessionTimeout", config.EffectiveMaxSessionTimeout.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("clientPortListenBacklog", "-1"),
            new("serverId", "0"),
        ],
    };

    private static long DirectorySize(string path)
    {
        try
        {
            return Directory.Exists(path) ? new DirectoryInfo(path).EnumerateFiles().Sum(f => f.Length) : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private Task AcceptLoopAsync() => AcceptLoop.RunAsync(_listener, socket =>
    {
        if (UnifiedPort)
        {
            _ = AdmitTlsAsync(socket, sniff: true);
            return;
        }
        Admit(socket, null, []);
    }, _stopping.Token);

    /// <summary>Starts serving an accepted connection (over <paramref name="tls"/> when given, holding <paramref name="identities"/> besides its ip).</summary>
    private void Admit(Socket socket, Stream? tls, IReadOnlyList<Id> identities)
    {
        Core.Metrics.Counter("connection_request_count").Add();
        SocketServerCnxn cnxn;
        lock (_connections)
        {
            // (Under the lock a core switch takes, so a connection is never added to a core being retired.)
            cnxn = new SocketServerCnxn(socket, Core, _logger, _limits, tls);
        }
        cnxn.AuthInfo.AddRange(identities);
        if (!_connections.TryAdd(cnxn, _config.MaxClientCnxns))
        {
            // As ZooKeeper: too many connections from one address are closed straight away.
            Core.Metrics.Counter("connection_rejected").Add();
            LogTooManyConnections(cnxn.Remote.Address, _config.MaxClientCnxns);
            tls?.Dispose();
            socket.Dispose();
            return;
        }
        var task = RunConnectionAsync(cnxn);
        lock (_connectionTasks)
        {
            _connectionTasks.RemoveAll(t => t.IsCompleted);
            _connectionTasks.Add(task);
        }
    }

    private async Task RunConnectionAsync(SocketServerCnxn cnxn)
    {
        try
        {
            await cnxn.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _connections.Remove(cnxn);
        }
    }

    /// <summary>
    /// Stops accepting, closes every connection and stops the pipeline. <see cref="Completion"/> completes however
    /// the shutdown ends: a second caller (the host after a log fault, whose handler started the first) waits on it,
    /// and it hung forever when a step of the first shutdown threw.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 1)
        {
            await Completion.ConfigureAwait(false);
            return;
        }
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await StopObservabilityAsync().ConfigureAwait(false);
            if (_peer is not null)
            {
                await _peer.DisposeAsync().ConfigureAwait(false);
            }
            _quorumTlsReloader?.Dispose();
            await _switching.WaitAsync().ConfigureAwait(false);
            _listener.Dispose();
            if (_acceptLoop is not null)
            {
                await _acceptLoop.ConfigureAwait(false);
            }
            await StopSecureAsync().ConfigureAwait(false);
            foreach (var cnxn in _connections.All)
            {
                cnxn.Close();
            }
            Task[] tasks;
            lock (_connectionTasks)
            {
                tasks = [.. _connectionTasks];
            }
            await Core.DisposeAsync().ConfigureAwait(false);
            if (_durable is not null)
            {
                await _durable.DisposeAsync().ConfigureAwait(false);
            }
            await WaitForConnectionsAsync(tasks).ConfigureAwait(false);
            _memberMetrics?.Dispose();
            MemberDirs?.Dispose();
            LogStopped();
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    /// <summary>Waits a bounded time for the connection tasks; one that does not end must not stall the shutdown.</summary>
    private async Task WaitForConnectionsAsync(Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogConnectionsLingering(tasks.Count(t => !t.IsCompleted));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The shutdown after a log failure did not end cleanly")]
    private partial void LogShutdownFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} connections had not finished 10 s after the shutdown closed them; stopping anyway")]
    private partial void LogConnectionsLingering(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "ZkNet {Version} serving clients on {Endpoint} (tickTime {TickTime} ms)")]
    private partial void LogStarted(string version, string endpoint, int tickTime);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping the server: the txn log can no longer be written ({Reason}). No write after the failure was acknowledged; restart once the disk is fixed, recovery keeps every acknowledged txn")]
    private partial void LogFaulted(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "ZkNet stopped")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Too many connections from {Address} - max is {Max}")]
    private partial void LogTooManyConnections(IPAddress address, int max);
}
