namespace ZkNet.Quorum.Configuration;

/// <summary>
/// The order in which a <c>java.util.HashMap&lt;Long, ...&gt;</c> with default settings iterates its keys. ZooKeeper
/// prints its quorum configuration (QuorumMaj and QuorumHierarchical.toString) by walking such maps, and that text
/// travels in election notifications and NEWLEADER, so a ZkNet member writes it in the same order.
/// </summary>
/// <remarks>
/// The table starts at 16 buckets and doubles whenever it holds more than three quarters of its size; a key's
/// bucket is its Long hash spread by <c>h ^ (h &gt;&gt;&gt; 16)</c>, masked by the table size; keys sharing a bucket
/// keep their insertion order (a resize splits a bucket's list without reordering it). Buckets turn into trees only
/// with eight keys or more, which a quorum's few members never reach.
/// </remarks>
public static class JavaHashOrder
{
    /// <summary>The distinct <paramref name="keys"/>, given in insertion order, in the map's iteration order.</summary>
    public static IReadOnlyList<long> Of(IEnumerable<long> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var inserted = new List<long>();
        var seen = new HashSet<long>();
        foreach (var key in keys)
        {
            if (seen.Add(key))
            {
                inserted.Add(key);
            }
        }
        var capacity = 16;
        while (inserted.Count > capacity * 3 / 4)
        {
            capacity *= 2;
        }
        // OrderBy is stable: keys of one bucket stay in insertion order.
        return [.. inserted.OrderBy(key => Bucket(key, capacity))];
    }

    /// <summary>The bucket of <paramref name="key"/> in a table of <paramref name="capacity"/> (a power of two).</summary>
    public static int Bucket(long key, int capacity)
    {
        var h = (int)(key ^ (long)((ulong)key >> 32));
        var spread = h ^ (int)((uint)h >> 16);
        return spread & (capacity - 1);
    }
}
