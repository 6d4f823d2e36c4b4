namespace ZkNet.Server.Throttling;

/// <summary>
/// ZooKeeper's large-request limit (largeRequestThreshold, largeRequestMaxBytes): requests bigger than the threshold
/// share a budget of bytes in the server at once; one that would take the total past it is refused and its connection
/// closed, so a burst of big writes cannot exhaust the server's memory while small requests go on. Thread-safe: the
/// connections reserve, the request processor releases.
/// </summary>
/// <param name="threshold">Requests longer than this many bytes count (-1, ZooKeeper's default: none do).</param>
/// <param name="maxBytes">The budget (ZooKeeper's default 100 MiB).</param>
public sealed class LargeRequestBudget(int threshold, long maxBytes)
{
    /// <summary>ZooKeeper's default largeRequestMaxBytes: 100 MiB.</summary>
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    private long _inUse;

    /// <summary>Bytes of large requests in the server now.</summary>
    public long InUse => Interlocked.Read(ref _inUse);

    /// <summary>Whether a request of <paramref name="length"/> bytes is a large one.</summary>
    public bool IsLarge(int length) => threshold >= 0 && length > threshold;

    /// <summary>Whether <paramref name="length"/> more bytes would still fit (checked when a frame's length arrives).</summary>
    public bool WouldFit(int length) => !IsLarge(length) || InUse + length <= maxBytes;

    /// <summary>Reserves a large request's bytes (when the whole frame has arrived); false when they do not fit.</summary>
    public bool TryReserve(int length)
    {
        if (!IsLarge(length))
        {
            return true;
        }
        if (Interlocked.Add(ref _inUse, length) <= maxBytes)
        {
            return true;
        }
        Interlocked.Add(ref _inUse, -length);
        return false;
    }

    /// <summary>Gives back what <see cref="TryReserve"/> took, once the request has been processed.</summary>
    public void Release(int length)
    {
        if (IsLarge(length))
        {
            Interlocked.Add(ref _inUse, -length);
        }
    }
}
