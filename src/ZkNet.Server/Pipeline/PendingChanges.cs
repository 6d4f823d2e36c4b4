namespace ZkNet.Server.Pipeline;

/// <summary>
/// ZooKeeper's outstandingChanges: the state each path will have once every proposed txn is applied. Prep reads
/// it before the tree, so a write validated while earlier ones are still in flight (waiting for the log, or for a
/// quorum) sees them: two creates of one path, sequential counters, versions, the ephemerals of a closing
/// session. A record leaves when the txn that made it has been applied to the tree. Processor thread only.
/// </summary>
internal sealed class PendingChanges
{
    private readonly Dictionary<string, ChangeRecord> _byPath = new(StringComparer.Ordinal);
    private readonly Queue<ChangeRecord> _inZxidOrder = new();

    /// <summary>Number of paths with a change in flight.</summary>
    public int Count => _byPath.Count;

    /// <summary>The newest outstanding state of <paramref name="path"/>, if any txn in flight touches it.</summary>
    public bool TryGet(string path, out ChangeRecord record) => _byPath.TryGetValue(path, out record!);

    /// <summary>The newest outstanding state of every path in flight.</summary>
    public IEnumerable<ChangeRecord> Records => _byPath.Values;

    /// <summary>Adopts a request's view as the outstanding state, made by the txn at <paramref name="zxid"/>.</summary>
    public void Add(IEnumerable<ChangeRecord> view, long zxid)
    {
        foreach (var record in view)
        {
            record.Zxid = zxid;
            _byPath[record.Path] = record;
            _inZxidOrder.Enqueue(record);
        }
    }

    /// <summary>
    /// Forgets the records of txns up to <paramref name="zxid"/>, now in the tree. A path's entry stays when a
    /// later txn has replaced it.
    /// </summary>
    public void ReleaseUpTo(long zxid)
    {
        while (_inZxidOrder.TryPeek(out var oldest) && oldest.Zxid <= zxid)
        {
            _inZxidOrder.Dequeue();
            if (_byPath.TryGetValue(oldest.Path, out var current) && ReferenceEquals(current, oldest))
            {
                _byPath.Remove(oldest.Path);
            }
        }
    }

    /// <summary>Forgets everything (the txns in flight will never be applied: the log failed, or a new epoch began).</summary>
    public void Clear()
    {
        _byPath.Clear();
        _inZxidOrder.Clear();
    }
}
