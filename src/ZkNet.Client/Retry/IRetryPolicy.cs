namespace ZkNet.Client.Retry;

/// <summary>
/// Decides whether an operation that failed with a retryable error (connection loss, operation timeout, session
/// moved) is tried again, and after what pause (Curator's RetryPolicy). Implementations are thread-safe.
/// </summary>
public interface IRetryPolicy
{
    /// <summary>The pause before retry number <paramref name="retryCount"/> (0 for the first retry), or null to give up.</summary>
    /// <param name="retryCount">How many retries were made already.</param>
    /// <param name="elapsed">The time since the first attempt started.</param>
    TimeSpan? NextDelay(int retryCount, TimeSpan elapsed);
}
