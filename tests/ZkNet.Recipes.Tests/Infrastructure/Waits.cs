using ZkNet.Client;
using ZkNet.Client.Watches;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded.</summary>
public static class Waits
{
    /// <summary>The default bound on a single wait.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Timeout"/> (or <paramref name="timeout"/>).</summary>
    public static Task<T> Bounded<T>(this Task<T> task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Timeout);

    /// <summary>Awaits <paramref name="task"/> for at most <see cref="Timeout"/> (or <paramref name="timeout"/>).</summary>
    public static Task Bounded(this Task task, TimeSpan? timeout = null) => task.WaitAsync(timeout ?? Timeout);

    /// <summary>Completes when <paramref name="token"/> is cancelled.</summary>
    public static Task WhenCancelled(this CancellationToken token)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(() => done.TrySetResult());
        return done.Task;
    }

    /// <summary>Completes when <paramref name="path"/> exists (a watch, not polling).</summary>
    public static async Task NodeExistsAsync(IZooKeeperClient client, string path)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            if (await client.ExistsAsync(path, watcher).Bounded() is not null)
            {
                return;
            }
            await watcher.Triggered.Bounded();
        }
    }

    /// <summary>Completes when <paramref name="path"/> has at least <paramref name="count"/> children (a child watch, not polling).</summary>
    public static Task ChildCountAsync(IZooKeeperClient client, string path, int count) =>
        ChildrenAsync(client, path, children => children.Count >= count);

    /// <summary>Completes when <paramref name="path"/> exists and its children satisfy <paramref name="until"/> (a child watch, not polling).</summary>
    public static async Task ChildrenAsync(IZooKeeperClient client, string path, Func<IReadOnlyList<string>, bool> until)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            IReadOnlyList<string> children;
            try
            {
                children = await client.GetChildrenAsync(path, watcher).Bounded();
            }
            catch (Client.Exceptions.NoNodeException)
            {
                await NodeExistsAsync(client, path);
                continue;
            }
            if (until(children))
            {
                return;
            }
            await watcher.Triggered.Bounded();
        }
    }

    /// <summary>Completes when <paramref name="path"/> does not exist (a watch, not polling).</summary>
    public static async Task NodeGoneAsync(IZooKeeperClient client, string path)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            if (await client.ExistsAsync(path, watcher).Bounded() is null)
            {
                return;
            }
            await watcher.Triggered.Bounded();
        }
    }

    /// <summary>
    /// Completes with the data and Stat of <paramref name="path"/> once they satisfy <paramref name="until"/> (data and
    /// exists watches, not polling): for a node that goes and comes back, or changes hands.
    /// </summary>
    public static async Task<DataResult> NodeDataAsync(IZooKeeperClient client, string path, Func<DataResult, bool> until)
    {
        while (true)
        {
            var watcher = new TaskWatcher();
            if (await client.TryGetDataAsync(path, watcher).Bounded() is not { } data)
            {
                await NodeExistsAsync(client, path);
                continue;
            }
            if (until(data))
            {
                return data;
            }
            await watcher.Triggered.Bounded();
        }
    }

    /// <summary>Completes the next time <paramref name="client"/> reports <paramref name="state"/>.</summary>
    public static Task ConnectionStateAsync(IZooKeeperClient client, ConnectionState state)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = client.AddConnectionStateListener(s =>
        {
            if (s == state)
            {
                reached.TrySetResult();
            }
            return ValueTask.CompletedTask;
        });
        return reached.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
