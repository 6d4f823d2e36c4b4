namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// A count that workers raise and a test awaits (<see cref="ReachedAsync"/>), so a fault can be injected after a
/// given amount of work without polling or sleeping.
/// </summary>
public sealed class Progress
{
    private readonly List<(long Target, TaskCompletionSource Reached)> _waiters = [];
    private long _count;

    /// <summary>The count so far.</summary>
    public long Count
    {
        get
        {
            lock (_waiters)
            {
                return _count;
            }
        }
    }

    /// <summary>Adds one and wakes the waiters whose target it reaches.</summary>
    public void Add()
    {
        lock (_waiters)
        {
            _count++;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Target <= _count)
                {
                    _waiters[i].Reached.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Completes once the count is at least <paramref name="target"/>.</summary>
    public Task ReachedAsync(long target)
    {
        lock (_waiters)
        {
            if (_count >= target)
            {
                return Task.CompletedTask;
            }
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((target, reached));
            return reached.Task;
        }
    }

    /// <summary>Completes once <paramref name="more"/> are added to the count as it is now.</summary>
    public Task MoreAsync(long more)
    {
        lock (_waiters)
        {
            return ReachedAsync(_count + more);
        }
    }
}
