namespace ZkNet.Client.Retry;

/// <summary>
/// Retries up to <see cref="MaxRetries"/> times, pausing a random multiple of <see cref="BaseDelay"/> that doubles
/// in range with each retry (1..2, 1..4, 1..8... times the base), never more than <see cref="MaxDelay"/>, as
/// Curator's ExponentialBackoffRetry.
/// </summary>
public sealed class ExponentialBackoffRetry : IRetryPolicy
{
    /// <summary>Beyond this many retries the doubling would overflow; Curator caps it the same way.</summary>
    public const int MaxRetriesLimit = 29;

    private readonly Random _random;

    /// <summary>Creates the policy.</summary>
    /// <param name="baseDelay">The smallest pause.</param>
    /// <param name="maxRetries">How many retries at most (at most <see cref="MaxRetriesLimit"/>).</param>
    /// <param name="maxDelay">The longest pause; null for no cap.</param>
    /// <param name="random">The jitter source (seed it for reproducible tests); null for a shared one.</param>
    public ExponentialBackoffRetry(TimeSpan baseDelay, int maxRetries, TimeSpan? maxDelay = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxRetries);
        BaseDelay = baseDelay;
        MaxRetries = Math.Min(maxRetries, MaxRetriesLimit);
        MaxDelay = maxDelay ?? TimeSpan.MaxValue;
        _random = random ?? Random.Shared;
    }

    /// <summary>The smallest pause.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>How many retries at most.</summary>
    public int MaxRetries { get; }

    /// <summary>The longest pause.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc />
    public TimeSpan? NextDelay(int retryCount, TimeSpan elapsed)
    {
        if (retryCount >= MaxRetries)
        {
            return null;
        }
        int factor;
        lock (_random)
        {
            factor = Math.Max(1, _random.Next(1 << (Math.Min(retryCount, MaxRetriesLimit) + 1)));
        }
        var delay = BaseDelay.Ticks * (double)factor;
        return delay >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)delay);
    }
}
