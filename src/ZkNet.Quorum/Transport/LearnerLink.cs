using System.Collections.Concurrent;

namespace ZkNet.Quorum.Transport;

/// <summary>A learner's connection to the leader as the observers command reports it: where from, since when, traffic.</summary>
public sealed class LearnerLink(string remoteAddress, long establishedMs)
{
    private readonly ConcurrentQueue<(long Sid, long QueuedAtMs)> _queued = new();
    private long _received;
    private long _sent;
    private int _depth;

    /// <summary>The learner's address and port.</summary>
    public string RemoteAddress { get; } = remoteAddress;

    /// <summary>When it connected, in Unix milliseconds.</summary>
    public long EstablishedMs { get; } = establishedMs;

    /// <summary>Packets read from it.</summary>
    public long PacketsReceived => Interlocked.Read(ref _received);

    /// <summary>Packets queued to it.</summary>
    public long PacketsSent => Interlocked.Read(ref _sent);

    internal void CountReceived(int packets) => Interlocked.Add(ref _received, packets);

    /// <summary>A packet was queued to the learner <paramref name="sid"/>; returns how many wait now.</summary>
    internal int Queued(long sid, long nowMs)
    {
        Interlocked.Increment(ref _sent);
        _queued.Enqueue((sid, nowMs));
        return Interlocked.Increment(ref _depth);
    }

    /// <summary>The oldest queued packet was written: who it went to and when it was queued.</summary>
    internal (long Sid, long QueuedAtMs) Written()
    {
        Interlocked.Decrement(ref _depth);
        return _queued.TryDequeue(out var entry) ? entry : (-1, 0);
    }
}
