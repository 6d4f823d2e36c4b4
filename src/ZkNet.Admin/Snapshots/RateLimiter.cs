namespace ZkNet.Admin.Snapshots;

/// <summary>
/// One run per interval (ZooKeeper's RateLimiter with one token): the first call passes, then calls within the
/// interval of the last one that passed are refused. An interval of 0 or less lets everything through.
/// </summary>
internal sealed class RateLimiter(TimeSpan interval, TimeProvider time)
{
    private readonly Lock _lock = new();
    private long? _lastAllowed;

    /// <summary>Takes the token if it is there.</summary>
    public bool Allow()
    {
        if (interval <= TimeSpan.Zero)
        {
            return true;
        }
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (_lastAllowed is { } last && time.GetElapsedTime(last, now) < interval)
            {
                return false;
            }
            _lastAllowed = now;
            return true;
        }
    }
}
