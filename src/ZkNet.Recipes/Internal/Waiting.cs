namespace ZkNet.Recipes.Internal;

/// <summary>Bounded waits shared by the recipes.</summary>
internal static class Waiting
{
    /// <summary>Awaits <paramref name="task"/> up to <paramref name="timeout"/>; returns whether it completed in time.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
