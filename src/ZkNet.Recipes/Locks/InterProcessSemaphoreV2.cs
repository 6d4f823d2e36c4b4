using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Locks;

/// <summary>
/// A counting semaphore across processes (Curator's InterProcessSemaphoreV2, same nodes): at most
/// <see cref="MaxLeases"/> leases exist at once. Leases are protected ephemeral-sequential nodes
/// <c>{path}/leases/_c_&lt;uuid&gt;-lease-&lt;sequence&gt;</c>; a contender takes the mutex at <c>{path}/locks</c>, adds its lease
/// node, waits (watching the leases) until there are no more than MaxLeases of them, then lets the mutex go. All
/// processes, .NET or Curator, must use the same MaxLeases.
/// </summary>
public sealed class InterProcessSemaphoreV2
{
    /// <summary>Curator's child holding the semaphore's mutex.</summary>
    public const string LockParent = "locks";

    /// <summary>Curator's child holding the leases.</summary>
    public const string LeaseParent = "leases";

    /// <summary>Curator's lease node name.</summary>
    public const string LeaseName = "lease-";

    private readonly IZooKeeperClient _client;
    private readonly InterProcessMutex _lock;
    private readonly IRetryPolicy _retry;
    private readonly LockOptions _options;
    private readonly string _leasesPath;

    /// <summary>Creates a semaphore on <paramref name="path"/> allowing <paramref name="maxLeases"/> leases.</summary>
    public InterProcessSemaphoreV2(IZooKeeperClient client, string path, int maxLeases, LockOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeases, 1);
        _client = client;
        _options = options ?? new LockOptions();
        _retry = RecipeDefaults.RetryPolicy(_options.RetryPolicy);
        BasePath = ZkPaths.Validate(path, nameof(path));
        MaxLeases = maxLeases;
        _lock = new InterProcessMutex(client, ZkPaths.MakePath(path, LockParent), _options with { NodeData = null });
        _leasesPath = ZkPaths.MakePath(path, LeaseParent);
    }

    /// <summary>The semaphore's path.</summary>
    public string BasePath { get; }

    /// <summary>How many leases may exist at once.</summary>
    public int MaxLeases { get; }

    /// <summary>Acquires one lease, waiting as long as it takes (or until cancelled).</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken = default) =>
        await AcquireCoreAsync(null, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("a wait without a timeout ended without a lease");

    /// <summary>Acquires one lease if it can within <paramref name="timeout"/>; null when it could not.</summary>
    public Task<Lease?> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        AcquireCoreAsync(timeout, cancellationToken);

    /// <summary>The full paths of the current lease nodes.</summary>
    public async Task<IReadOnlyList<string>> GetParticipantNodesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var children = await _client.GetChildrenAsync(_leasesPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            return children.Select(c => ZkPaths.MakePath(_leasesPath, c)).ToList();
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    private async Task<Lease?> AcquireCoreAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } t ? DateTime.UtcNow + t : (DateTime?)null;
        // A fresh flow for the inner mutex, so that concurrent acquisitions of this semaphore in one process queue
        // on it as separate contenders.
        return await Task.Run(async () =>
        {
            if (deadline is null)
            {
                await _lock.AcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!await _lock.AcquireAsync(Remaining(deadline), cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            try
            {
                return await AddLeaseAsync(deadline, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await _lock.ReleaseAsync().ConfigureAwait(false);
            }
        }, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<Lease?> AddLeaseAsync(DateTime? deadline, CancellationToken cancellationToken)
    {
        var ours = await ProtectedNodes.CreateAsync(_client, _retry, _leasesPath, LeaseName, _options.NodeData,
            CreateMode.EphemeralSequential, cancellationToken).ConfigureAwait(false);
        var ourName = ZkPaths.GetNodeFromPath(ours.Path);
        try
        {
            while (true)
            {
                var watcher = new TaskWatcher();
                var children = await RetryLoop.RunAsync(_retry, token => _client.GetChildrenAsync(_leasesPath, watcher, token),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!children.Contains(ourName))
                {
                    throw new NoNodeException(ours.Path);
                }
                if (children.Count <= MaxLeases)
                {
                    var monitor = HoldMonitor.Start(_client, ours.Path, _options.SuspendedIsLost);
                    return new Lease(ours.Path, ours.Stat.Czxid, monitor, () => DeleteAsync(ours.Path));
                }
                var remaining = Remaining(deadline);
                if (remaining <= TimeSpan.Zero && remaining != Timeout.InfiniteTimeSpan)
                {
                    await DeleteAsync(ours.Path).ConfigureAwait(false);
                    return null;
                }
                try
                {
                    await watcher.Triggered.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await DeleteAsync(ours.Path).ConfigureAwait(false);
                    return null;
                }
            }
        }
        catch
        {
            await DeleteAsync(ours.Path).ConfigureAwait(false);
            throw;
        }
    }

    private static TimeSpan Remaining(DateTime? deadline) => deadline is { } d
        ? (d - DateTime.UtcNow is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero)
        : Timeout.InfiniteTimeSpan;

    private async Task DeleteAsync(string path)
    {
        try
        {
            await RetryLoop.RunAsync(_retry, token => _client.TryDeleteAsync(path, cancellationToken: token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // The session is gone, and its ephemeral lease with it.
        }
    }
}
