namespace ZkNet.Client.Retry;

/// <summary>
/// Retries until <see cref="MaxElapsed"/> has passed since the first attempt, the same pause before each retry
/// (Curator's RetryUntilElapsed); a pause that would end past the limit is not taken.
/// </summary>
/// <param name="maxElapsed">How long to keep trying.</param>
/// <param name="delay">The pause before each retry.</param>
public sealed class RetryUntilElapsed(TimeSpan maxElapsed, TimeSpan delay) : IRetryPolicy
{
    /// <summary>How long to keep trying.</summary>
    public TimeSpan MaxElapsed { get; } = maxElapsed >= TimeSpan.Zero ? maxElapsed : throw new ArgumentOutOfRangeException(nameof(maxElapsed));

    /// <summary>The pause before each retry.</summary>
    public TimeSpan Delay { get; } = delay >= TimeSpan.Zero ? delay : throw new ArgumentOutOfRangeException(nameof(delay));

    /// <inheritdoc />
    public TimeSpan? NextDelay(int retryCount, TimeSpan elapsed) => elapsed + Delay <= MaxElapsed ? Delay : null;
}
