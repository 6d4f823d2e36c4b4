using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Locks;

/// <summary>
/// The sequential-ephemeral queue under every lock (Curator's LockInternals): create a protected
/// ephemeral-sequential node under the base path, then, until the driver says it holds the lock, wait for the
/// deletion of the one node the driver names. A wait that times out or is cancelled deletes our node, so it never
/// blocks anyone after we give up.
/// </summary>
internal sealed class LockInternals
{
    private readonly IZooKeeperClient _client;
    private readonly ILockInternalsDriver _driver;
    private readonly IRetryPolicy _retry;

    public LockInternals(IZooKeeperClient client, ILockInternalsDriver driver, string basePath, string lockName, int maxLeases, IRetryPolicy retry)
    {
        _client = client;
        _driver = driver;
        BasePath = basePath;
        LockName = lockName;
        MaxLeases = maxLeases;
        _retry = retry;
    }

    public string BasePath { get; }

    public string LockName { get; }

    public int MaxLeases { get; }

    /// <summary>Children of the base path in lock order (Curator's getSortedChildren), or empty when it does not exist.</summary>
    public async Task<List<string>> GetSortedChildrenAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> children;
        try
        {
            children = await RetryLoop.RunAsync(_retry, token => _client.GetChildrenAsync(BasePath, cancellationToken: token),
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            return [];
        }
        return Sort(children);
    }

    public List<string> Sort(IEnumerable<string> children)
    {
        var sorted = children.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(_driver.FixForSorting(a, LockName), _driver.FixForSorting(b, LockName)));
        return sorted;
    }

    /// <summary>
    /// Queues for the lock and waits until it is ours; returns our node, or null when <paramref name="timeout"/>
    /// passed first (our node is then deleted).
    /// </summary>
    public async Task<CreateResult?> AttemptLockAsync(TimeSpan? timeout, byte[]? data, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } t && t != Timeout.InfiniteTimeSpan ? DateTime.UtcNow + t : (DateTime?)null;
        var ours = await ProtectedNodes.CreateAsync(_client, _retry, BasePath, LockName, data, CreateMode.EphemeralSequential,
            cancellationToken).ConfigureAwait(false);
        try
        {
            if (await WaitForLockAsync(ours.Path, deadline, cancellationToken).ConfigureAwait(false))
            {
                return ours;
            }
        }
        catch
        {
            await DeleteOurPathAsync(ours.Path).ConfigureAwait(false);
            throw;
        }
        await DeleteOurPathAsync(ours.Path).ConfigureAwait(false);
        return null;
    }

    /// <summary>Deletes our node (releasing the lock); a node already gone is fine.</summary>
    public Task ReleaseAsync(string ourPath) => DeleteOurPathAsync(ourPath);

    private async Task<bool> WaitForLockAsync(string ourPath, DateTime? deadline, CancellationToken cancellationToken)
    {
        var ourName = ZkPaths.GetNodeFromPath(ourPath);
        while (true)
        {
            var children = await GetSortedChildrenAsync(cancellationToken).ConfigureAwait(false);
            var verdict = _driver.GetsTheLock(children, ourName, MaxLeases);
            if (verdict.GetsTheLock)
            {
                return true;
            }
            var watched = ZkPaths.MakePath(BasePath, verdict.PathToWatch!);
            var watcher = new TaskWatcher();
            // getData rather than exists: on a node already gone it leaves no watch behind (Curator does the same).
            var present = await RetryLoop.RunAsync(_retry, token => _client.TryGetDataAsync(watched, watcher, token),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            if (present is null)
            {
                continue;
            }
            var remaining = deadline is { } d ? d - DateTime.UtcNow : Timeout.InfiniteTimeSpan;
            if (deadline is not null && remaining <= TimeSpan.Zero)
            {
                return false;
            }
            try
            {
                await watcher.Triggered.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private async Task DeleteOurPathAsync(string ourPath)
    {
        try
        {
            await RetryLoop.RunAsync(_retry, token => _client.TryDeleteAsync(ourPath, cancellationToken: token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // The session is gone (its ephemeral node with it) or the client was closed: nothing left to delete.
        }
    }
}
