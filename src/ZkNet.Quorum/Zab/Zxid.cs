namespace ZkNet.Quorum.Zab;

/// <summary>Zxid arithmetic: the epoch in the high 32 bits, a counter in the low 32.</summary>
public static class Zxid
{
    /// <summary>The epoch part.</summary>
    public static long EpochOf(long zxid) => zxid >> 32;

    /// <summary>The counter part.</summary>
    public static long CounterOf(long zxid) => zxid & 0xFFFF_FFFFL;

    /// <summary>The zxid (<paramref name="epoch"/>, <paramref name="counter"/>).</summary>
    public static long Make(long epoch, long counter) => (epoch << 32) | (counter & 0xFFFF_FFFFL);

    /// <summary>True when no txn was ever logged in this zxid's epoch (the counter is 0).</summary>
    public static bool IsNewEpoch(long zxid) => CounterOf(zxid) == 0;
}
