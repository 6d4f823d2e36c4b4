namespace ZkNet.Quorum.Transport;

/// <summary>
/// Bounds how many batches of received packets one connection's reader has handed to the executor that have not run
/// yet. When the executor (a member's processor thread) falls behind, the reader stops reading, so the backlog stays
/// in the peer's socket and send queue rather than growing without limit in this process's memory; the processor
/// never waits for a credit (work it posts runs inline), so the bound cannot deadlock it. One reader takes credits;
/// a batch may return its credit after the connection is gone, which is harmless.
/// </summary>
internal sealed class PostCredits(int limit)
{
    private readonly object _gate = new();
    private int _inFlight;
    private TaskCompletionSource? _returned;

    /// <summary>Batches handed over and not yet run.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Waits until a batch may be handed over, and counts it.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task returned;
            lock (_gate)
            {
                if (_inFlight < limit)
                {
                    _inFlight++;
                    return;
                }
                returned = (_returned ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await returned.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A batch handed over has run.</summary>
    public void Return()
    {
        TaskCompletionSource? returned;
        lock (_gate)
        {
            _inFlight--;
            (returned, _returned) = (_returned, null);
        }
        returned?.TrySetResult();
    }
}
