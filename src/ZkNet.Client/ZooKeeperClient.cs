using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ZkNet.Client.Internal;
using ZkNet.Client.Watches;

namespace ZkNet.Client;

/// <summary>
/// An asynchronous ZooKeeper client: one session, kept alive across connections to the servers of the connect
/// string until it expires or is closed. Every operation is a task that completes on the thread pool, never on
/// the socket reader; requests are pipelined and answered in the order sent. Watch callbacks and connection state
/// changes are delivered in order by one dispatcher (see <see cref="IWatcher"/>). Thread-safe.
/// </summary>
/// <example>
/// <code>
/// await using var zk = await ZooKeeperClient.ConnectAsync(new ZooKeeperClientOptions { ConnectString = "127.0.0.1:2181" });
/// await zk.CreateAsync("/app", "hello"u8.ToArray(), Acl.OpenAclUnsafe);
/// var (data, stat) = await zk.GetDataAsync("/app");
/// </code>
/// </example>
public sealed partial class ZooKeeperClient : IZooKeeperClient
{
    private readonly ZooKeeperClientOptions _options;
    private readonly ILogger _logger;
    /// <summary>ZooKeeper's configuration node, read by getConfig and returned by reconfig.</summary>
    private const string ConfigNode = "/zookeeper/config";

    private readonly Chroot _chroot;
    private readonly HostProvider _hosts;
    private readonly WatchManager _watches = new();
    private readonly EventDispatcher _dispatcher;
    private readonly Channel<Packet> _outgoing = Channel.CreateUnbounded<Packet>(new UnboundedChannelOptions
    {
        AllowSynchronousContinuations = false,
    });
    private readonly Lock _stateGate = new();
    private readonly List<AuthCredential> _auth;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _firstSession = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _run;
    private ClientState _state = ClientState.NotConnected;
    private volatile bool _closing;
    private long _sessionId;
    private byte[] _password = new byte[16];
    private int _negotiatedTimeoutMs;
    private long _lastZxid;
    private bool _seenReadWriteServer;
    private int _xid;
    private readonly ConnectionStateTracker _connectionStates;

    /// <summary>Creates a client; nothing happens on the network until <see cref="OpenAsync"/>.</summary>
    /// <param name="options">The settings; <see cref="ZooKeeperClientOptions.ConnectString"/> is parsed here.</param>
    /// <param name="loggerFactory">Where to log, or null for no logging.</param>
    public ZooKeeperClient(ZooKeeperClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SessionTimeout <= TimeSpan.Zero || options.SessionTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SessionTimeout, "SessionTimeout must be positive");
        }
        if (options.ConnectTimeout <= TimeSpan.Zero || options.MaxReconnectDelay < TimeSpan.Zero || options.MaxPacketLength <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "ConnectTimeout and MaxPacketLength must be positive, MaxReconnectDelay not negative");
        }
        ArgumentNullException.ThrowIfNull(options.Auth, nameof(options));
        _options = options;
        _logger = loggerFactory?.CreateLogger<ZooKeeperClient>() ?? NullLogger<ZooKeeperClient>.Instance;
        var connectString = Internal.ConnectString.Parse(options.ConnectString);
        _chroot = new Chroot(connectString.Chroot);
        var random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        _hosts = new HostProvider(connectString.Hosts, options.ShuffleHosts, random, options.MaxReconnectDelay);
        _auth = [.. options.Auth];
        _dispatcher = new EventDispatcher(_logger);
        _connectionStates = CreateConnectionStateTracker();
    }

    /// <summary>The settings this client was created with.</summary>
    public ZooKeeperClientOptions Options => _options;

    /// <summary>The client's state.</summary>
    public ClientState State
    {
        get
        {
            lock (_stateGate)
            {
                return _state;
            }
        }
    }

    /// <summary>The session id (0 until the first session is established).</summary>
    public long SessionId => Interlocked.Read(ref _sessionId);

    /// <summary>The session password the server issued (16 zero bytes until the first session).</summary>
    public ReadOnlyMemory<byte> SessionPassword
    {
        get
        {
            lock (_stateGate)
            {
                return _password;
            }
        }
    }

    /// <summary>The session timeout the server agreed to (zero until the first session).</summary>
    public TimeSpan SessionTimeout => TimeSpan.FromMilliseconds(Volatile.Read(ref _negotiatedTimeoutMs));

    /// <summary>The highest zxid seen in a reply (sent on reconnect so the server never goes back in time).</summary>
    public long LastZxid => Interlocked.Read(ref _lastZxid);

    /// <summary>The chroot from the connect string, or "" when there is none.</summary>
    public string Chroot => _chroot.Prefix;

    /// <summary>
    /// Receives every connection state change (SyncConnected, Disconnected, Expired, AuthFailed,
    /// ConnectedReadOnly, Closed), like ZooKeeper's default watcher. Set it before <see cref="OpenAsync"/> to see
    /// the first SyncConnected.
    /// </summary>
    public IWatcher? DefaultWatcher
    {
        get => _watches.DefaultWatcher;
        set => _watches.DefaultWatcher = value;
    }

    /// <summary>Creates a client and waits (up to <see cref="ZooKeeperClientOptions.ConnectTimeout"/>) for its first session.</summary>
    /// <exception cref="TimeoutException">No server gave a session in time.</exception>
    public static async Task<ZooKeeperClient> ConnectAsync(ZooKeeperClientOptions options, ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        var client = new ZooKeeperClient(options, loggerFactory);
        try
        {
            await client.OpenAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts connecting and waits (up to <see cref="ZooKeeperClientOptions.ConnectTimeout"/>) for the first session.
    /// The client keeps trying in the background after a timeout or cancellation here, until closed.
    /// </summary>
    /// <exception cref="TimeoutException">No server gave a session in time.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateGate)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            if (_run is null)
            {
                _state = ClientState.Connecting;
                _run = Task.Run(RunAsync, CancellationToken.None);
            }
        }
        try
        {
            await _firstSession.Task.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"no session from {string.Join(",", _hosts.Hosts.Select(h => $"{h.Host}:{h.Port}"))} within {_options.ConnectTimeout}");
        }
    }

    /// <summary>Closes the session (its ephemeral nodes go at once) and stops the client. Same as <see cref="CloseAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}
