using ZkNet.Protocol.Framing;

namespace ZkNet.Client;

/// <summary>Settings of a <see cref="ZooKeeperClient"/>. Only <see cref="ConnectString"/> is required.</summary>
public sealed record ZooKeeperClientOptions
{
    /// <summary>
    /// The servers and optional chroot: "host1:2181,host2:2181/app". The port defaults to 2181; IPv6 literals are
    /// bracketed ("[::1]:2181"); every path the client sends is placed under the chroot, and paths coming back are
    /// given relative to it.
    /// </summary>
    public required string ConnectString { get; init; }

    /// <summary>
    /// The session timeout to ask for. The server clamps it to between 2 and 20 ticks (4 s to 40 s with its default
    /// tickTime of 2 s); <see cref="ZooKeeperClient.SessionTimeout"/> tells the value agreed. Default: 30 seconds.
    /// </summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="ZooKeeperClient.ConnectAsync(ZooKeeperClientOptions, Microsoft.Extensions.Logging.ILoggerFactory?, CancellationToken)"/>
    /// waits for the first session before giving up. Default: 15 seconds.
    /// </summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Whether the client accepts a server in read-only mode (one cut off from its quorum), which serves reads
    /// only; the connection then reports <see cref="ZkNet.Protocol.KeeperState.ConnectedReadOnly"/>. Default: false.
    /// </summary>
    public bool CanBeReadOnly { get; init; }

    /// <summary>
    /// Whether to try the servers in random order (as ZooKeeper's StaticHostProvider does) so that clients spread
    /// over the ensemble. Default: true.
    /// </summary>
    public bool ShuffleHosts { get; init; } = true;

    /// <summary>
    /// TLS for every connection (the servers' secureClientPort, or a port with client.portUnification); null
    /// connects in plain text. Default: null.
    /// </summary>
    public ZooKeeperTlsOptions? Tls { get; init; }

    /// <summary>Seed for the host shuffle and reconnect jitter; null draws one at random. Default: null.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// The longest pause between two connection attempts once every server has been tried; pauses start small and
    /// double, with jitter, up to this. Default: 1 second.
    /// </summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The largest reply accepted, ZooKeeper's <c>jute.maxbuffer</c> on the client side; a longer length prefix
    /// drops the connection. Default: 0xfffff bytes (1 MiB - 1), as ZooKeeper.
    /// </summary>
    public int MaxPacketLength { get; init; } = FrameDecoder.DefaultMaxBuffer;

    /// <summary>
    /// Credentials sent (as addAuth) on every connection before any request, for example
    /// <c>new AuthCredential("digest", "user:password"u8.ToArray())</c>. Default: none.
    /// </summary>
    public IReadOnlyList<AuthCredential> Auth { get; init; } = [];

    /// <summary>
    /// Whether watches are re-registered (setWatches) after a reconnect, as ZooKeeper's client does unless
    /// <c>zookeeper.disableAutoWatchReset</c> is set. Default: true.
    /// </summary>
    public bool AutoWatchReset { get; init; } = true;
}
