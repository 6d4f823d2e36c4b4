using ZkNet.Client.Retry;

namespace ZkNet.Recipes.Locks;

/// <summary>Settings of a lock or semaphore.</summary>
public sealed record LockOptions
{
    /// <summary>How steps that fail with a connection loss are retried; null for exponential backoff from 100 ms, 10 retries.</summary>
    public IRetryPolicy? RetryPolicy { get; init; }

    /// <summary>
    /// Whether a dropped connection (<see cref="Client.ConnectionState.Suspended"/>) already counts as losing the
    /// lock, rather than only a lost session. Safer, at the price of giving up locks on short network blips.
    /// Default: false (Curator's default behaviour).
    /// </summary>
    public bool SuspendedIsLost { get; init; }

    /// <summary>Data stored in the lock node, which other participants can read (LeaderSelector stores its id). Default: none.</summary>
    public byte[]? NodeData { get; init; }
}
