using System.Threading.Tasks.Sources;

namespace ZkNet.Server.Throttling;

/// <summary>
/// The request throttler's stall: one reusable wait that ends when something may have changed (a request completed,
/// a connection closed, the server stops) or when the stall time runs out, whichever comes first. Reused wait after
/// wait, so a stall allocates nothing. One waiter (the throttler's task); any thread may wake it.
/// </summary>
/// <remarks>
/// The waiter arms the signal, then checks its condition again before it awaits; a waker changes the state, then
/// looks whether the signal is armed. Both steps are full fences (interlocked), so either the waiter sees the change
/// or the waker sees the armed signal: no wake-up is lost.
/// </remarks>
internal sealed class ThrottleSignal : IValueTaskSource<bool>, IDisposable
{
    private readonly ITimer _timer;
    private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };
    private int _armed;

    public ThrottleSignal(TimeProvider time) =>
        _timer = time.CreateTimer(static state => ((ThrottleSignal)state!).Fire(woken: false), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    /// <summary>Whether a wait is armed and not yet ended.</summary>
    public bool IsArmed => Volatile.Read(ref _armed) != 0;

    /// <summary>Starts a wait (the previous one must have been awaited or disarmed).</summary>
    public void Arm()
    {
        _core.Reset();
        Interlocked.Exchange(ref _armed, 1);
    }

    /// <summary>
    /// Cancels the armed wait because its condition already holds: true when nothing had ended it, false when a wake
    /// or the timer got there first (the wait must then be awaited; it completes at once).
    /// </summary>
    public bool TryDisarm() => Interlocked.Exchange(ref _armed, 0) == 1;

    /// <summary>Waits for a wake or <paramref name="stall"/> (infinite: a wake only); true when woken.</summary>
    public ValueTask<bool> WaitAsync(TimeSpan stall)
    {
        if (stall != Timeout.InfiniteTimeSpan)
        {
            _timer.Change(stall, Timeout.InfiniteTimeSpan);
        }
        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Ends the armed wait, if any.</summary>
    public void Wake()
    {
        if (Volatile.Read(ref _armed) != 0)
        {
            Fire(woken: true);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Fire(bool woken)
    {
        // Only the first of wake and timer completes a wait; a timer left over from an earlier wait may end a later
        // one early, which only costs the waiter one more look at its condition.
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            if (woken)
            {
                _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            _core.SetResult(woken);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
