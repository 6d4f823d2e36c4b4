namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded by this.</summary>
public static class Waits
{
    /// <summary>The default bound on any single wait.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Timeout"/> (or <paramref name="timeout"/>).</summary>
    public static Task<T> Bounded<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Timeout);

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Timeout"/> (or <paramref name="timeout"/>).</summary>
    public static Task Bounded(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Timeout);

    /// <summary>Polls <paramref name="condition"/> until it holds, for at most <paramref name="timeout"/>; used only
    /// where no event announces the change (e.g. another server-side session going away).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time" + (because is null ? "" : ": " + because));
            }
            await Task.Delay(50);
        }
    }
}
