namespace ZkNet.Recipes.Locks;

/// <summary>One lease of an <see cref="InterProcessSemaphoreV2"/>, given back by <see cref="ReleaseAsync"/> or disposal.</summary>
public sealed class Lease : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private readonly HoldMonitor _monitor;
    private int _released;

    internal Lease(string nodePath, long fencingToken, HoldMonitor monitor, Func<Task> release)
    {
        NodePath = nodePath;
        FencingToken = fencingToken;
        _monitor = monitor;
        _release = release;
    }

    /// <summary>The full path of the lease node.</summary>
    public string NodePath { get; }

    /// <summary>The lease node's czxid, growing with every lease granted on this semaphore.</summary>
    public long FencingToken { get; }

    /// <summary>Cancelled when the lease can no longer be trusted (session lost, client closed, node deleted).</summary>
    public CancellationToken LeaseLost => _monitor.Lost;

    /// <summary>Gives the lease back (deletes its node) once; later calls do nothing.</summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _monitor.Dispose();
            await _release().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(ReleaseAsync());
}
