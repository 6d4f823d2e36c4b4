using ZkNet.Server.Pipeline;

namespace ZkNet.Admin;

/// <summary>What the commands read: the server core plus what only the host knows (the configuration as written).</summary>
public sealed class AdminContext
{
    private long _traceMask = DefaultTraceMask;

    /// <summary>ZooKeeper's default trace mask (gtmk answers it; ZkNet has no trace logging to filter).</summary>
    public const long DefaultTraceMask = 306;

    private readonly Func<ZooKeeperServer> _core;

    /// <summary>Creates a context over <paramref name="core"/>.</summary>
    public AdminContext(ZooKeeperServer core, string initialConfiguration)
        : this(() => core, initialConfiguration)
    {
    }

    /// <summary>
    /// Creates a context over the core <paramref name="core"/> returns when asked: an ensemble member runs a new
    /// core for each role, and the commands must read the one serving now.
    /// </summary>
    public AdminContext(Func<ZooKeeperServer> core, string initialConfiguration)
    {
        ArgumentNullException.ThrowIfNull(core);
        _core = core;
        InitialConfiguration = initialConfiguration;
    }

    /// <summary>The server core serving now.</summary>
    public ZooKeeperServer Core => _core();

    /// <summary>host:port of the server's client port, where the web console opens its ZooKeeper sessions.</summary>
    public string? ClientConnectString { get; init; }

    /// <summary>X509AuthenticationProvider.superUser: the certificate subject that is super on the admin port too.</summary>
    public string? X509SuperUser { get; init; }

    /// <summary>The configuration file as read at start (initial_configuration).</summary>
    public string InitialConfiguration { get; }

    /// <summary>The trace mask set by set_trace_mask (kept and reported, as ZooKeeper's; it filters nothing here).</summary>
    public long TraceMask
    {
        get => Interlocked.Read(ref _traceMask);
        set => Interlocked.Exchange(ref _traceMask, value);
    }
}
