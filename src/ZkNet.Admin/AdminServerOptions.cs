namespace ZkNet.Admin;

/// <summary>
/// The AdminServer's settings under ZooKeeper's zoo.cfg keys (admin.*), with ZooKeeper's defaults except
/// <see cref="Enabled"/>: a server built in code (tests, the embedded TestingServer) gets no HTTP port unless it asks;
/// a zoo.cfg without admin.enableServer gets ZooKeeper's default (on).
/// </summary>
public sealed record AdminServerOptions
{
    /// <summary>admin.enableServer.</summary>
    public bool Enabled { get; init; }

    /// <summary>admin.serverAddress (ZooKeeper's default 0.0.0.0).</summary>
    public string Address { get; init; } = "0.0.0.0";

    /// <summary>admin.serverPort (default 8080; 0 picks a free port).</summary>
    public int Port { get; init; } = 8080;

    /// <summary>admin.commandURL: where the commands live (default /commands).</summary>
    public string CommandUrl { get; init; } = "/commands";

    /// <summary>admin.idleTimeout in ms: an idle HTTP connection is closed after this (default 30000).</summary>
    public int IdleTimeoutMs { get; init; } = 30_000;

    /// <summary>admin.snapshot.enabled (ZooKeeper 3.9): whether the snapshot command is served (default true).</summary>
    public bool SnapshotEnabled { get; init; } = true;

    /// <summary>admin.restore.enabled (ZooKeeper 3.9): whether the restore command is served (default true).</summary>
    public bool RestoreEnabled { get; init; } = true;

    /// <summary>
    /// admin.rateLimiterIntervalInMS (ZooKeeper 3.9): snapshot and restore each run at most once per interval
    /// (default 300000, five minutes; 0 turns the limit off).
    /// </summary>
    public long RateLimiterIntervalMs { get; init; } = 300_000;

    /// <summary>
    /// admin.restore.maxBytes (ZkNet's own; ZooKeeper sets no bound): the largest snapshot restore accepts, default
    /// 256 MiB (the largest record a snapshot reader accepts as well).
    /// </summary>
    public long RestoreMaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>admin.portUnification: the port accepts HTTP and HTTPS, told apart by the first byte (default false).</summary>
    public bool PortUnification { get; init; }

    /// <summary>admin.forceHttps: HTTPS only (default false); wins over <see cref="PortUnification"/>, as in ZooKeeper.</summary>
    public bool ForceHttps { get; init; }

    /// <summary>admin.needClientAuth (ZooKeeper 3.9): HTTPS clients must present a certificate the trust store accepts.</summary>
    public bool NeedClientAuth { get; init; }

    /// <summary>Whether the admin port speaks TLS at all (and so needs the ssl.quorum.* key store).</summary>
    public bool Https => PortUnification || ForceHttps;
}
