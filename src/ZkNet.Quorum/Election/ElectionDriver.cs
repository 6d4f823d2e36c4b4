using ZkNet.Quorum.Transport;

namespace ZkNet.Quorum.Election;

/// <summary>
/// Runs a <see cref="FastLeaderElection"/> over a <see cref="QuorumCnxManager"/> on real time: one loop takes
/// notifications and timer expiries in turn, so the state machine sees one input at a time. It keeps answering
/// other members after the round ends, as ZooKeeper's receiver thread does.
/// </summary>
public sealed class ElectionDriver : IElectionOutput
{
    private readonly FastLeaderElection _election;
    private readonly QuorumCnxManager _transport;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private TaskCompletionSource<(Vote Vote, ServerState State)> _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _timersChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Drives <paramref name="election"/> over <paramref name="transport"/>.</summary>
    public ElectionDriver(FastLeaderElection election, QuorumCnxManager transport, TimeProvider? time = null)
    {
        _election = election;
        _transport = transport;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The election this driver runs.</summary>
    public FastLeaderElection Election => _election;

    /// <summary>Starts a round; the task completes with its outcome.</summary>
    public Task<(Vote Vote, ServerState State)> LookForLeaderAsync(long lastLoggedZxid, long currentEpoch)
    {
        lock (_gate)
        {
            _decided = new TaskCompletionSource<(Vote, ServerState)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _election.StartLooking(lastLoggedZxid, currentEpoch, Now, this);
            var decided = _decided.Task;
            WakeLoop();
            return decided;
        }
    }

    /// <summary>
    /// Makes the loop look at the election's timers again: a round started from outside it may already be finalizing
    /// (notifications that waited for the round can complete a quorum at once), and the loop may be sleeping on a
    /// wait computed before, up to a second long.
    /// </summary>
    private void WakeLoop() =>
        Interlocked.Exchange(ref _timersChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>
    /// The member took a new epoch (it wrote currentEpoch as leader or learner): the vote it reports to members that
    /// look for a leader carries it, as ZooKeeper's updateElectionVote does, so a joining member sees the same vote
    /// from the leader and its followers.
    /// </summary>
    public void UpdatePeerEpoch(long epoch)
    {
        lock (_gate)
        {
            _election.UpdatePeerEpoch(epoch);
        }
    }

    /// <summary>The member's role ended; it looks for a leader again once its state is ready (see <see cref="FastLeaderElection.EndRole"/>).</summary>
    public void EndRole()
    {
        lock (_gate)
        {
            _election.EndRole();
        }
    }

    /// <summary>Feeds notifications and timer expiries to the election until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _transport.Received;
        while (!cancellationToken.IsCancellationRequested)
        {
            long? due;
            Task timersChanged;
            lock (_gate)
            {
                due = _election.TimerDue;
                timersChanged = _timersChanged.Task;
            }
            var wait = due is { } at ? TimeSpan.FromMilliseconds(Math.Max(0, at - Now)) : TimeSpan.FromSeconds(1);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                var readable = reader.WaitToReadAsync(timeout.Token).AsTask();
                if (await Task.WhenAny(readable, timersChanged).ConfigureAwait(false) != readable)
                {
                    // Woken to recompute the wait: end this one (a message that raced in is read below; others
                    // stay queued for the next wait).
                    await timeout.CancelAsync().ConfigureAwait(false);
                }
                if (await readable.ConfigureAwait(false))
                {
                    while (reader.TryRead(out var message))
                    {
                        lock (_gate)
                        {
                            _election.Receive(message.Sid, message.Notification, Now, this);
                        }
                    }
                }
                else
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_gate)
            {
                _election.OnTimer(Now, this);
            }
        }
    }

    /// <inheritdoc />
    public void Send(long toSid, Notification notification) => _transport.Send(toSid, notification);

    /// <inheritdoc />
    public void Decided(Vote vote, ServerState state) => _decided.TrySetResult((vote, state));

    private long Now => (long)_time.GetElapsedTime(0).TotalMilliseconds;
}
