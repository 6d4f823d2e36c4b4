using ZkNet.Client.Exceptions;

namespace ZkNet.Client.Retry;

/// <summary>
/// Runs an operation again under an <see cref="IRetryPolicy"/> when it fails with an error whose outcome is unknown
/// or transient (Curator's RetryLoop): <see cref="ConnectionLossException"/>, <see cref="OperationTimeoutException"/>,
/// <see cref="SessionMovedException"/>. Any other error, or a policy that gives up, ends the loop with that error.
/// A retried write may already have been applied: make it idempotent (a versioned setData, a create that tolerates
/// NodeExists, a protected sequential create as the recipes use).
/// </summary>
public static class RetryLoop
{
    /// <summary>Whether <paramref name="error"/> is worth retrying.</summary>
    public static bool IsRetryable(Exception error) =>
        error is ConnectionLossException or OperationTimeoutException or SessionMovedException;

    /// <summary>Runs <paramref name="operation"/> until it succeeds, fails for good, or the policy gives up.</summary>
    /// <param name="policy">How often and after what pauses to retry.</param>
    /// <param name="operation">The operation; it receives <paramref name="cancellationToken"/>.</param>
    /// <param name="timeProvider">The clock for pauses and elapsed time; null for the system clock.</param>
    /// <param name="cancellationToken">Stops waiting between attempts and is passed to each attempt.</param>
    public static async Task<T> RunAsync<T>(IRetryPolicy policy, Func<CancellationToken, Task<T>> operation,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(operation);
        var time = timeProvider ?? TimeProvider.System;
        var started = time.GetTimestamp();
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await operation(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsRetryable(e) && !cancellationToken.IsCancellationRequested)
            {
                if (policy.NextDelay(retry, time.GetElapsedTime(started)) is not { } delay)
                {
                    throw;
                }
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for an operation without a result.</summary>
    public static Task RunAsync(IRetryPolicy policy, Func<CancellationToken, Task> operation,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(policy, async token =>
        {
            await operation(token).ConfigureAwait(false);
            return true;
        }, timeProvider, cancellationToken);
    }
}
