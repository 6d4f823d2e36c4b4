namespace ZkNet.Server.Throttling;

/// <summary>
/// What is in process: counted when the throttler passes a request (or handshake) on, and counted down when the
/// processor stages its answer (any reply but a watch notification, or the ConnectResponse), as ZooKeeper counts down
/// in its FinalRequestProcessor. The few requests that end without an answer (the connection is closing, the session
/// moved or was closed) all end with their connection, so whatever a connection still holds is counted down when the
/// processor handles its close: a lost count cannot outlive the connection that caused it.
/// </summary>
public sealed partial class RequestThrottler
{
    /// <summary>A connection's count once its close was handled: nothing more is counted for it or counted down.</summary>
    private const int Closed = int.MinValue;

    private int _inProcess;
    private int _peakInProcess;

    /// <summary>Requests passed on to the processor and not yet answered.</summary>
    public int InProcess => Volatile.Read(ref _inProcess);

    /// <summary>The most requests that were ever in process at once (never above <see cref="MaxRequests"/>).</summary>
    public int PeakInProcess => Volatile.Read(ref _peakInProcess);

    /// <summary>Counts a request about to be passed on; false when its connection's close was already handled.</summary>
    private bool TryCount(ServerCnxn cnxn)
    {
        // (Cannot happen: a connection's close is passed on after all its requests. Checked so that a count can never
        // be taken that nothing would give back.)
        if (Volatile.Read(ref cnxn.ThrottleInProcess) < 0)
        {
            return false;
        }
        Interlocked.Increment(ref cnxn.ThrottleInProcess);
        var now = Interlocked.Increment(ref _inProcess);
        if (now > _peakInProcess)
        {
            Volatile.Write(ref _peakInProcess, now);
        }
        return true;
    }

    private void Uncount(ServerCnxn cnxn)
    {
        Interlocked.Decrement(ref cnxn.ThrottleInProcess);
        Release(1);
    }

    /// <summary>The processor staged an answer on <paramref name="cnxn"/> (processor thread).</summary>
    internal void Answered(ServerCnxn cnxn)
    {
        // Only the processor counts down, so a positive count read here stays positive until the decrement.
        if (Volatile.Read(ref cnxn.ThrottleInProcess) <= 0)
        {
            return;
        }
        Interlocked.Decrement(ref cnxn.ThrottleInProcess);
        Release(1);
    }

    /// <summary>The processor handled <paramref name="cnxn"/>'s close: its unanswered requests stop counting.</summary>
    internal void ConnectionClosed(ServerCnxn cnxn)
    {
        var left = Interlocked.Exchange(ref cnxn.ThrottleInProcess, Closed);
        if (left > 0)
        {
            Release(left);
        }
    }

    private void Release(int count)
    {
        // The decrement is a full fence before the signal is looked at: see ThrottleSignal.
        Interlocked.Add(ref _inProcess, -count);
        _signal.Wake();
    }
}
