namespace ZkNet.Server.Metrics;

/// <summary>A monotonically increasing count, safe to add to from any thread.</summary>
public sealed class MetricCounter
{
    private long _value;

    internal MetricCounter(string name) => Name = name;

    /// <summary>ZooKeeper's name for it (without the zk_ prefix mntr adds).</summary>
    public string Name { get; }

    /// <summary>The current count.</summary>
    public long Value => Interlocked.Read(ref _value);

    /// <summary>Adds <paramref name="delta"/> (1 by default).</summary>
    public void Add(long delta = 1) => Interlocked.Add(ref _value, delta);
}
