using ZkNet.Server;

namespace ZkNet.Durability.Tests.DiskFaults;

/// <summary>
/// Wraps the server's real txn log and, once armed, fails every append from then on (a dead disk stays dead), so a
/// server that kept acknowledging after a failure would lose acknowledged writes and be caught.
/// </summary>
internal sealed class FailingTxnLog(ITxnLog inner, LogFault fault) : ITxnLog
{
    private volatile bool _armed;

    /// <summary>Completes when the first failure has been raised.</summary>
    public TaskCompletionSource Tripped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Arm() => _armed = true;

    public long BytesSinceRoll => inner.BytesSinceRoll;

    public async ValueTask AppendAndSyncAsync(IReadOnlyList<LoggedTxn> txns, bool rollFirst, CancellationToken cancellationToken)
    {
        if (!_armed)
        {
            await inner.AppendAndSyncAsync(txns, rollFirst, cancellationToken);
            return;
        }
        if (fault == LogFault.FsyncFails)
        {
            await inner.AppendAndSyncAsync(txns, rollFirst, cancellationToken);
        }
        Tripped.TrySetResult();
        throw fault switch
        {
            LogFault.FsyncFails => new IOException("fsync: Input/output error (injected)"),
            LogFault.WriteFails => new IOException("write: Input/output error (injected)"),
            _ => new InvalidOperationException("a bug in the log (injected)"),
        };
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
