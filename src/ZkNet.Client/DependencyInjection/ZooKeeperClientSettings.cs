namespace ZkNet.Client.DependencyInjection;

/// <summary>
/// The bindable form of <see cref="ZooKeeperClientOptions"/> for Microsoft.Extensions.Options: a configuration
/// section such as <c>{ "ConnectString": "zk1:2181,zk2:2181/app", "SessionTimeout": "00:00:30" }</c> binds onto it.
/// Defaults are those of <see cref="ZooKeeperClientOptions"/>.
/// </summary>
public sealed class ZooKeeperClientSettings
{
    private static readonly ZooKeeperClientOptions Defaults = new() { ConnectString = "" };

    /// <summary>The servers and optional chroot (required).</summary>
    public string ConnectString { get; set; } = "";

    /// <summary>The session timeout to ask for.</summary>
    public TimeSpan SessionTimeout { get; set; } = Defaults.SessionTimeout;

    /// <summary>How long opening waits for the first session.</summary>
    public TimeSpan ConnectTimeout { get; set; } = Defaults.ConnectTimeout;

    /// <summary>Whether a read-only server is accepted.</summary>
    public bool CanBeReadOnly { get; set; } = Defaults.CanBeReadOnly;

    /// <summary>The longest pause between connection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = Defaults.MaxReconnectDelay;

    /// <summary>Whether watches are re-registered after a reconnect.</summary>
    public bool AutoWatchReset { get; set; } = Defaults.AutoWatchReset;

    /// <summary>The client options these settings describe.</summary>
    public ZooKeeperClientOptions ToOptions() => Defaults with
    {
        ConnectString = ConnectString,
        SessionTimeout = SessionTimeout,
        ConnectTimeout = ConnectTimeout,
        CanBeReadOnly = CanBeReadOnly,
        MaxReconnectDelay = MaxReconnectDelay,
        AutoWatchReset = AutoWatchReset,
    };
}
