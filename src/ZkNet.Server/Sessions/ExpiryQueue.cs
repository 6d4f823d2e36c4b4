namespace ZkNet.Server.Sessions;

/// <summary>
/// ZooKeeper's bucketed expiry: each item's deadline is rounded up to the next multiple of the interval (the
/// tickTime), so expiry is checked once per tick for a whole bucket rather than per item. Processor thread only.
/// </summary>
/// <typeparam name="T">The item type (sessions).</typeparam>
public sealed class ExpiryQueue<T>
    where T : notnull
{
    private readonly Dictionary<T, long> _expiryOf = [];
    private readonly Dictionary<long, HashSet<T>> _buckets = [];
    private readonly long _interval;
    private long _nextExpiration;

    /// <summary>Creates a queue whose buckets are <paramref name="intervalMs"/> wide, starting at <paramref name="nowMs"/>.</summary>
    public ExpiryQueue(long intervalMs, long nowMs)
    {
        _interval = intervalMs;
        _nextExpiration = RoundToNextInterval(nowMs);
    }

    /// <summary>When the next bucket falls due.</summary>
    public long NextExpiration => _nextExpiration;

    /// <summary>Number of items tracked.</summary>
    public int Count => _expiryOf.Count;

    /// <summary>(Re)schedules <paramref name="item"/> to expire <paramref name="timeoutMs"/> after <paramref name="nowMs"/>, rounded up to a bucket.</summary>
    public void Update(T item, long timeoutMs, long nowMs)
    {
        var expiry = RoundToNextInterval(nowMs + timeoutMs);
        if (_expiryOf.TryGetValue(item, out var previous))
        {
            if (previous == expiry)
            {
                return;
            }
            RemoveFromBucket(item, previous);
        }
        _expiryOf[item] = expiry;
        if (!_buckets.TryGetValue(expiry, out var bucket))
        {
            bucket = [];
            _buckets[expiry] = bucket;
        }
        bucket.Add(item);
    }

    /// <summary>Stops tracking <paramref name="item"/>.</summary>
    public bool Remove(T item)
    {
        if (!_expiryOf.Remove(item, out var expiry))
        {
            return false;
        }
        RemoveFromBucket(item, expiry);
        return true;
    }

    /// <summary>The deadline of <paramref name="item"/>, if tracked.</summary>
    public long? ExpiryOf(T item) => _expiryOf.TryGetValue(item, out var expiry) ? expiry : null;

    /// <summary>Takes every item whose bucket is due at <paramref name="nowMs"/> (they stop being tracked).</summary>
    public List<T> Poll(long nowMs)
    {
        var expired = new List<T>();
        while (nowMs >= _nextExpiration)
        {
            if (_buckets.Remove(_nextExpiration, out var bucket))
            {
                foreach (var item in bucket)
                {
                    _expiryOf.Remove(item);
                    expired.Add(item);
                }
            }
            _nextExpiration += _interval;
        }
        return expired;
    }

    private long RoundToNextInterval(long time) => ((time / _interval) + 1) * _interval;

    private void RemoveFromBucket(T item, long expiry)
    {
        if (_buckets.TryGetValue(expiry, out var bucket))
        {
            bucket.Remove(item);
            if (bucket.Count == 0)
            {
                _buckets.Remove(expiry);
            }
        }
    }
}
