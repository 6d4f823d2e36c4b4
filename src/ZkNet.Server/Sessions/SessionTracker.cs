namespace ZkNet.Server.Sessions;

/// <summary>
/// Creates, touches and expires sessions (ZooKeeper's SessionTrackerImpl). Session ids put the server id in the
/// top byte and a time-derived counter below it, so ids stay unique across restarts. Processor thread only.
/// </summary>
public sealed class SessionTracker
{
    /// <summary>The constant ZooKeeper mixes into the password seed.</summary>
    private const long SuperSecret = 0xB3415C00L;

    private readonly Dictionary<long, Session> _sessions = [];
    private readonly ExpiryQueue<long> _expiry;
    private long _nextSessionId;

    /// <summary>Creates a tracker expiring in buckets of <paramref name="tickTimeMs"/>.</summary>
    public SessionTracker(long serverId, int tickTimeMs, long nowMs)
    {
        _expiry = new ExpiryQueue<long>(tickTimeMs, nowMs);
        _nextSessionId = InitialSessionId(serverId, nowMs);
    }

    /// <summary>Number of live sessions.</summary>
    public int Count => _sessions.Count;

    /// <summary>All sessions.</summary>
    public IEnumerable<Session> Sessions => _sessions.Values;

    /// <summary>The tick bucket (ms on the tracker's clock) in which <paramref name="id"/> expires, or null (for dump).</summary>
    public long? ExpiryOf(long id) => _expiry.ExpiryOf(id);

    /// <summary>The first session id a server with <paramref name="serverId"/> hands out at <paramref name="nowMs"/>.</summary>
    public static long InitialSessionId(long serverId, long nowMs)
    {
        var id = (long)((ulong)(nowMs << 24) >> 8) | (serverId << 56);
        // Long.MinValue marks containers in ephemeralOwner; never hand it out.
        return id == long.MinValue ? id + 1 : id;
    }

    /// <summary>The 16-byte password ZooKeeper derives for a session id.</summary>
    public static byte[] PasswordFor(long sessionId)
    {
        var password = new byte[16];
        new JavaRandom(sessionId ^ SuperSecret).NextBytes(password);
        return password;
    }

    /// <summary>Allocates the next session id (the session itself is added when its createSession txn applies).</summary>
    public long NextSessionId() => _nextSessionId++;

    /// <summary>Adds (or re-adds on recovery) a session and schedules its expiry.</summary>
    public Session AddSession(long id, int timeoutMs, long nowMs)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            session = new Session(id, timeoutMs);
            _sessions[id] = session;
        }
        session.TimeoutMs = timeoutMs;
        _expiry.Update(id, timeoutMs, nowMs);
        if (id >= _nextSessionId && (id >> 56) == (_nextSessionId >> 56))
        {
            _nextSessionId = id + 1;
        }
        return session;
    }

    /// <summary>The session, or null.</summary>
    public Session? Get(long id) => _sessions.GetValueOrDefault(id);

    /// <summary>Pushes a live session's expiry out by its timeout; false when it is unknown or closing.</summary>
    public bool Touch(long id, long nowMs)
    {
        if (!_sessions.TryGetValue(id, out var session) || session.IsClosing)
        {
            return false;
        }
        _expiry.Update(id, session.TimeoutMs, nowMs);
        return true;
    }

    /// <summary>Forgets a session.</summary>
    public void Remove(long id)
    {
        _sessions.Remove(id);
        _expiry.Remove(id);
    }

    /// <summary>
    /// Sessions whose deadline has passed; each is marked closing. With <paramref name="localOnly"/> (a learner, which
    /// expires only its local sessions) the global ones are left alone: only dropped from the queue, until touched.
    /// </summary>
    public List<Session> PollExpired(long nowMs, bool localOnly = false)
    {
        var expired = new List<Session>();
        foreach (var id in _expiry.Poll(nowMs))
        {
            if (_sessions.TryGetValue(id, out var session) && (!localOnly || session.IsLocal))
            {
                session.IsClosing = true;
                expired.Add(session);
            }
        }
        return expired;
    }
}
