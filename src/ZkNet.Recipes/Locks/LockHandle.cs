namespace ZkNet.Recipes.Locks;

/// <summary>A held lock, released by disposing it (from any async flow).</summary>
public sealed class LockHandle : IAsyncDisposable
{
    private readonly Func<Task> _release;
    private int _released;

    internal LockHandle(Func<Task> release, string nodePath, long fencingToken, CancellationToken lost)
    {
        _release = release;
        NodePath = nodePath;
        FencingToken = fencingToken;
        LockLost = lost;
    }

    /// <summary>The full path of the lock node.</summary>
    public string NodePath { get; }

    /// <summary>The lock node's czxid: grows with every new holder (see <see cref="InterProcessMutex.FencingToken"/>).</summary>
    public long FencingToken { get; }

    /// <summary>Cancelled when this hold can no longer be trusted (see <see cref="InterProcessMutex.LockLost"/>).</summary>
    public CancellationToken LockLost { get; }

    /// <summary>Releases the lock once; later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await _release().ConfigureAwait(false);
        }
    }
}
