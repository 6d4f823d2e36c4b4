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
}
