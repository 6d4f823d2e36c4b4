namespace ZkNet.Server.Pipeline;

/// <summary>
/// ZooKeeper's CommitProcessor rule, per session: a session's reads wait behind its own writes that are still in
/// flight, so its replies leave in request order; a session with nothing in flight reads at once, whatever other
/// sessions are waiting for. Writes themselves are proposed at once (Prep sees the earlier ones through the
/// outstanding changes). Processor thread only.
/// </summary>
internal sealed class SessionOrdering
{
    private readonly Dictionary<long, Queue<Entry>> _bySession = [];
    private readonly Stack<Queue<Entry>> _spare = new();

    /// <summary>True when the session has a write in flight or a request waiting.</summary>
    public bool IsBusy(long sessionId) => _bySession.ContainsKey(sessionId);

    /// <summary>
    /// Notes a write of the session in flight: proposed here, or forwarded to the leader (whose zxid is not known
    /// yet), or a sync waiting for the leader.
    /// </summary>
    public void AddWrite(long sessionId, Request write) => QueueOf(sessionId).Enqueue(new Entry(write, IsWrite: true));

    /// <summary>Parks a request behind the session's writes in flight.</summary>
    public void AddWaiting(long sessionId, Request request) => QueueOf(sessionId).Enqueue(new Entry(request, IsWrite: false));

    /// <summary>
    /// The session's write <paramref name="write"/> was applied (answered): the requests queued behind it, up to the
    /// next write in flight, may now run, in order.
    /// </summary>
    public void Applied(long sessionId, Request write, List<Request> released)
    {
        if (!_bySession.TryGetValue(sessionId, out var queue))
        {
            return;
        }
        if (queue.TryPeek(out var head) && head.IsWrite && head.Request == write)
        {
            queue.Dequeue();
        }
        while (queue.TryPeek(out head) && !head.IsWrite)
        {
            queue.Dequeue();
            released.Add(head.Request);
        }
        if (queue.Count == 0)
        {
            _bySession.Remove(sessionId);
            _spare.Push(queue);
        }
    }

    /// <summary>Forgets everything (the writes in flight will never be applied).</summary>
    public void Clear() => _bySession.Clear();

    private Queue<Entry> QueueOf(long sessionId)
    {
        if (!_bySession.TryGetValue(sessionId, out var queue))
        {
            queue = _spare.TryPop(out var spare) ? spare : new Queue<Entry>();
            _bySession.Add(sessionId, queue);
        }
        return queue;
    }

    /// <summary>A write in flight or a request waiting behind one.</summary>
    private readonly record struct Entry(Request Request, bool IsWrite);
}
