namespace ZkNet.Server.Tests.Pipeline;

/// <summary>
/// A txn log whose syncs complete only while its gate is open, so a test can hold txns "in flight" (proposed,
/// not yet durable, so not committed) for as long as it likes.
/// </summary>
internal sealed class GatedTxnLog : ITxnLog
{
    private readonly List<LoggedTxn> _txns = [];
    private TaskCompletionSource _gate = NewGate(open: true);

    public IReadOnlyList<LoggedTxn> Txns
    {
        get
        {
            lock (_txns)
            {
                return [.. _txns];
            }
        }
    }

    public long BytesSinceRoll => 0;

    /// <summary>Syncs from now on wait until <see cref="Open"/>.</summary>
    public void Close() => Volatile.Write(ref _gate, NewGate(open: false));

    /// <summary>Lets every waiting and later sync complete.</summary>
    public void Open() => Volatile.Read(ref _gate).TrySetResult();

    public async ValueTask AppendAndSyncAsync(IReadOnlyList<LoggedTxn> txns, bool rollFirst, CancellationToken cancellationToken)
    {
        lock (_txns)
        {
            _txns.AddRange(txns);
        }
        await Volatile.Read(ref _gate).Task.ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        Open();
        return ValueTask.CompletedTask;
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }
        return gate;
    }
}
