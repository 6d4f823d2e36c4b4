namespace ZkNet.Server.Sessions;

/// <summary>A client session as the server tracks it.</summary>
public sealed class Session(long id, int timeoutMs)
{
    /// <summary>The session id.</summary>
    public long Id { get; } = id;

    /// <summary>The negotiated timeout in milliseconds.</summary>
    public int TimeoutMs { get; set; } = timeoutMs;

    /// <summary>Set once a close or expiry is under way: further requests are refused.</summary>
    public bool IsClosing { get; set; }

    /// <summary>Set when the close is the client's own closeSession (not an expiry): later requests are dropped.</summary>
    public bool ClosedByClient { get; set; }

    /// <summary>
    /// Leader: where the session's client is connected — 0 for this server, else the learner connection it moved to
    /// (ZooKeeper's session owner); null until first known. A write arriving from anywhere else is SessionMoved.
    /// </summary>
    public long? Owner { get; set; }

    /// <summary>
    /// A local session (localSessionsEnabled): tracked and expired by this server alone, with no createSession txn,
    /// until it is upgraded to a global one (ZooKeeper's LocalSessionTracker / UpgradeableSessionTracker).
    /// </summary>
    public bool IsLocal { get; set; }

    /// <summary>The connection currently bound to the session, if any.</summary>
    public ServerCnxn? Connection { get; set; }
}
