namespace ZkNet.Ensemble.Tests;

/// <summary>The paths whose create was acknowledged, shared by concurrent writers, with a signal at a given count.</summary>
internal sealed class AcknowledgedWrites
{
    private readonly List<string> _paths = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiting = [];

    public int Count
    {
        get
        {
            lock (_paths)
            {
                return _paths.Count;
            }
        }
    }

    public IReadOnlyList<string> Paths
    {
        get
        {
            lock (_paths)
            {
                return [.. _paths];
            }
        }
    }

    public void Add(string path)
    {
        lock (_paths)
        {
            _paths.Add(path);
            foreach (var (count, signal) in _waiting.Where(w => _paths.Count >= w.Count))
            {
                signal.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> writes are acknowledged.</summary>
    public Task Reached(int count)
    {
        lock (_paths)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_paths.Count >= count)
            {
                signal.TrySetResult();
            }
            _waiting.Add((count, signal));
            return signal.Task;
        }
    }
}
