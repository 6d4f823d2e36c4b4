namespace ZkNet.Client.Retry;

/// <summary>Bounded retries: at most <see cref="MaxRetries"/> retries, the same pause before each (Curator's RetryNTimes).</summary>
/// <param name="maxRetries">How many retries at most.</param>
/// <param name="delay">The pause before each retry.</param>
public sealed class RetryNTimes(int maxRetries, TimeSpan delay) : IRetryPolicy
{
    /// <summary>How many retries at most.</summary>
    public int MaxRetries { get; } = maxRetries >= 0 ? maxRetries : throw new ArgumentOutOfRangeException(nameof(maxRetries));

    /// <summary>The pause before each retry.</summary>
    public TimeSpan Delay { get; } = delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay));

    /// <inheritdoc />
    public TimeSpan? NextDelay(int retryCount, TimeSpan elapsed) => retryCount < MaxRetries ? Delay : null;
}
