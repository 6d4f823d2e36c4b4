using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting;

/// <summary>
/// Client handshakes held across a short election. A member that loses its leader stops serving for the election and
/// the sync after it (half a second or so); ZooKeeper closes every new connection meanwhile, so clients back off and
/// retry, and come back well after the member serves again (kazoo's backoff doubles from 0.1 s; the Java client
/// sleeps up to 1 s between hosts). A ZkNet member instead keeps the ConnectRequest of a connection arriving then and
/// answers it as soon as it serves, so a client reconnects the moment the ensemble has a leader. It holds for at
/// most ZooKeeper's own "this is a partition, not an election" grace, max(2 s, tickTime), counted from when the
/// member stopped serving: a member cut off from its quorum turns clients away as promptly as ZooKeeper does after
/// that, and they look for the majority's side. electionHandshakeHoldMs changes the limit (0: refuse at once).
/// </summary>
public sealed partial class ZkNetServer
{
    private TaskCompletionSource _coreStateChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _outOfServiceSince;

    private TimeSpan ElectionHoldLimit => TimeSpan.FromMilliseconds(_config.ElectionHandshakeHoldMs ?? Math.Max(2000, _config.TickTime));

    /// <summary>
    /// The pipeline a handshake arriving while the member does not serve should go to: the current one once it serves,
    /// or (when the member has been out of service longer than the hold limit, or stops) the current one as it is, which
    /// refuses the client as ZooKeeper does.
    /// </summary>
    private async ValueTask<ZooKeeperServer> CoreForHandshakeAsync()
    {
        while (true)
        {
            // Read the signal before the state, so a change in between is not missed.
            var changed = Volatile.Read(ref _coreStateChanged).Task;
            var core = Core;
            if (core.IsServing || _peer is null || _stopping.IsCancellationRequested)
            {
                return core;
            }
            var left = ElectionHoldLimit - _time.GetElapsedTime(Interlocked.Read(ref _outOfServiceSince));
            if (left <= TimeSpan.Zero)
            {
                return core;
            }
            try
            {
                await changed.WaitAsync(left, _time, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                return Core;
            }
        }
    }

    /// <summary>A pipeline was put in place: wake the held handshakes, and note when the member stopped serving.</summary>
    private void NoteCoreInstalled(ZooKeeperServer old, ZooKeeperServer next)
    {
        if (old.IsServing && !next.IsServing)
        {
            Interlocked.Exchange(ref _outOfServiceSince, _time.GetTimestamp());
        }
        next.ServingStarted += SignalCoreStateChanged;
        SignalCoreStateChanged();
    }

    private void SignalCoreStateChanged() =>
        Interlocked.Exchange(ref _coreStateChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
