namespace ZkNet.Server.Pipeline;

/// <summary>
/// Hands out zxids: the epoch in the high 32 bits, a counter in the low 32 (ZooKeeper's ZxidUtils). Only the
/// server that proposes (standalone, or an ensemble's leader) allocates; followers take the leader's zxids.
/// </summary>
public sealed class ZxidAllocator
{
    private long _last;

    /// <summary>Starts after <paramref name="lastZxid"/> (the last zxid in the tree or the log).</summary>
    public ZxidAllocator(long lastZxid) => _last = lastZxid;

    /// <summary>The last zxid handed out.</summary>
    public long Last => Interlocked.Read(ref _last);

    /// <summary>The epoch of the last zxid.</summary>
    public int Epoch => EpochOf(Last);

    /// <summary>
    /// True when the counter of the current epoch is spent: an ensemble leader must start a new epoch before
    /// proposing again (ZooKeeper forces a re-election; standalone ZooKeeper simply carries into the epoch bits).
    /// </summary>
    public bool CounterExhausted => CounterOf(Last) == uint.MaxValue;

    /// <summary>The next zxid.</summary>
    public long Next() => Interlocked.Increment(ref _last);

    /// <summary>Starts a new epoch: the next zxid is (<paramref name="epoch"/> &lt;&lt; 32) + 1.</summary>
    public void StartEpoch(int epoch) => Interlocked.Exchange(ref _last, Make(epoch, 0));

    /// <summary>Follows zxids made elsewhere (a learner applies its leader's): the last one is <paramref name="zxid"/>.</summary>
    public void Reset(long zxid) => Interlocked.Exchange(ref _last, zxid);

    /// <summary>Builds a zxid from an epoch and a counter.</summary>
    public static long Make(int epoch, uint counter) => ((long)epoch << 32) | counter;

    /// <summary>The epoch part of a zxid.</summary>
    public static int EpochOf(long zxid) => (int)(zxid >> 32);

    /// <summary>The counter part of a zxid.</summary>
    public static uint CounterOf(long zxid) => (uint)(zxid & 0xFFFF_FFFFL);
}
