using ZkNet.Client.Retry;

namespace ZkNet.Recipes.Internal;

/// <summary>Defaults shared by the recipes.</summary>
internal static class RecipeDefaults
{
    /// <summary>
    /// How recipe steps retry a connection loss when the caller gives no policy: exponential backoff from 100 ms,
    /// capped at 2 s, 10 retries (about the span of a default session timeout).
    /// </summary>
    public static IRetryPolicy RetryPolicy(IRetryPolicy? given) =>
        given ?? new ExponentialBackoffRetry(TimeSpan.FromMilliseconds(100), maxRetries: 10, maxDelay: TimeSpan.FromSeconds(2));
}
