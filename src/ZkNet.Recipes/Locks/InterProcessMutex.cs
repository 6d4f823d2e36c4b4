using ZkNet.Client;
using ZkNet.Client.Retry;
using ZkNet.Recipes.Internal;

namespace ZkNet.Recipes.Locks;

/// <summary>
/// A reentrant mutex across processes (Curator's InterProcessMutex, same nodes): each contender creates a protected
/// ephemeral-sequential node <c>{path}/_c_&lt;uuid&gt;-lock-&lt;sequence&gt;</c>; the lowest sequence holds the lock and every
/// other contender waits only for the node just ahead of it. A .NET process and a Curator process using the same
/// path exclude each other.
/// </summary>
/// <remarks>
/// Reentrancy belongs to the async flow (the .NET counterpart of Curator's thread): acquiring again in the flow that
/// holds the mutex only counts up, and <see cref="ReleaseAsync"/> must be called from that flow as many times. Other
/// flows, in this process or others, wait. <see cref="LockAsync"/> returns a handle that releases from any flow.
/// The holder is told when the lock can no longer be trusted through <see cref="LockLost"/>, and can pass
/// <see cref="FencingToken"/> to the resources it guards so they refuse a stale holder's writes.
/// </remarks>
public sealed class InterProcessMutex
{
    /// <summary>Curator's lock node name (InterProcessMutex.LOCK_NAME).</summary>
    public const string LockName = "lock-";

    private readonly LockInternals _internals;
    private readonly IZooKeeperClient _client;
    private readonly AsyncLocal<object?> _flow = new();
    private readonly Lock _gate = new();
    private readonly byte[]? _nodeData;
    private Hold? _hold;

    /// <summary>Creates a mutex on <paramref name="path"/>; nothing happens on the server until it is acquired.</summary>
    /// <param name="client">The session to lock with: the lock lasts at most as long as it.</param>
    /// <param name="path">The lock's path; missing parents are created as containers.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public InterProcessMutex(IZooKeeperClient client, string path, LockOptions? options = null)
        : this(client, path, LockName, 1, new StandardLockInternalsDriver(), options)
    {
    }

    internal InterProcessMutex(IZooKeeperClient client, string path, string lockName, int maxLeases, ILockInternalsDriver driver,
        LockOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        options ??= new LockOptions();
        Options = options;
        _nodeData = options.NodeData;
        _internals = new LockInternals(client, driver, ZkPaths.Validate(path, nameof(path)), lockName, maxLeases,
            RecipeDefaults.RetryPolicy(options.RetryPolicy));
    }

    /// <summary>The lock's path.</summary>
    public string BasePath => _internals.BasePath;

    /// <summary>The settings.</summary>
    public LockOptions Options { get; }

    /// <summary>Whether some flow of this process holds the mutex (Curator's isAcquiredInThisProcess).</summary>
    public bool IsAcquiredInThisProcess
    {
        get
        {
            lock (_gate)
            {
                return _hold is not null;
            }
        }
    }

    /// <summary>Whether the calling async flow holds the mutex (Curator's isOwnedByCurrentThread).</summary>
    public bool IsOwnedByCurrentFlow
    {
        get
        {
            lock (_gate)
            {
                return _hold is not null && ReferenceEquals(_hold.Owner, _flow.Value);
            }
        }
    }

    /// <summary>The held lock node's full path, or null when not held in this process.</summary>
    public string? LockPath
    {
        get
        {
            lock (_gate)
            {
                return _hold?.Node.Path;
            }
        }
    }

    /// <summary>
    /// A number that grows with every new holder of this lock, whichever process: the zxid that created the held
    /// lock node (its czxid). Give it to a guarded resource, which remembers the highest it saw and refuses a lower
    /// one, so a holder that lost the lock without knowing it (a long pause, a partition) cannot corrupt it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mutex is not held in this process.</exception>
    public long FencingToken => CurrentHold().Node.Stat.Czxid;

    /// <summary>
    /// Cancelled when the current hold can no longer be trusted: the session was lost (expired, or disconnected
    /// for a whole session timeout), the client closed, or the lock node was deleted; with
    /// <see cref="LockOptions.SuspendedIsLost"/>, also as soon as the connection drops.
    /// </summary>
    /// <exception cref="InvalidOperationException">The mutex is not held in this process.</exception>
    public CancellationToken LockLost => CurrentHold().Monitor.Lost;

    /// <summary>
    /// Acquires the mutex, waiting as long as it takes (or until cancelled). In a flow that already holds it, only
    /// counts up.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled; our queue node is deleted.</exception>
    public Task AcquireAsync(CancellationToken cancellationToken = default) => Begin(null, cancellationToken).Acquired;

    /// <summary>Acquires the mutex if it can within <paramref name="timeout"/>; returns whether it did.</summary>
    public Task<bool> AcquireAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Begin(timeout, cancellationToken).Acquired;

    /// <summary>
    /// Acquires the mutex and returns a handle whose disposal releases it, from whatever flow; the handle also
    /// carries the fencing token and the lost signal of this hold.
    /// </summary>
    public Task<LockHandle> LockAsync(CancellationToken cancellationToken = default)
    {
        var (owner, acquired) = Begin(null, cancellationToken);
        return HandleAsync(owner, acquired);
    }

    /// <summary>
    /// Releases one acquisition by the calling flow; the last one deletes the lock node, letting the next waiter in.
    /// </summary>
    /// <exception cref="InvalidOperationException">The calling flow does not hold the mutex.</exception>
    public Task ReleaseAsync() => ReleaseCoreAsync(_flow.Value);

    /// <summary>The full paths of every node queued on the lock, holder first (Curator's getParticipantNodes).</summary>
    public async Task<IReadOnlyList<string>> GetParticipantNodesAsync(CancellationToken cancellationToken = default) =>
        (await _internals.GetSortedChildrenAsync(cancellationToken).ConfigureAwait(false))
            .Select(name => ZkPaths.MakePath(BasePath, name)).ToList();

    /// <summary>
    /// Counts up when the calling flow holds the mutex; otherwise gives the flow a new owner identity and queues.
    /// Not async on purpose: a value set in an async method does not flow back to its caller, one set here does. A
    /// new identity per acquisition keeps two tasks started from one flow from passing for each other.
    /// </summary>
    private (object Owner, Task<bool> Acquired) Begin(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var current = _flow.Value;
        lock (_gate)
        {
            if (current is not null && _hold is not null && ReferenceEquals(_hold.Owner, current))
            {
                _hold.Count++;
                return (current, Task.FromResult(true));
            }
        }
        var owner = new object();
        _flow.Value = owner;
        return (owner, QueueAsync(owner, timeout, cancellationToken));
    }

    private async Task<LockHandle> HandleAsync(object owner, Task<bool> acquired)
    {
        await acquired.ConfigureAwait(false);
        var hold = CurrentHold();
        return new LockHandle(() => ReleaseCoreAsync(owner), hold.Node.Path, hold.Node.Stat.Czxid, hold.Monitor.Lost);
    }

    private async Task<bool> QueueAsync(object owner, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var node = await _internals.AttemptLockAsync(timeout, _nodeData, cancellationToken).ConfigureAwait(false);
        if (node is null)
        {
            return false;
        }
        var monitor = HoldMonitor.Start(_client, node.Path, Options.SuspendedIsLost);
        lock (_gate)
        {
            _hold = new Hold(owner, node, monitor);
        }
        return true;
    }

    private async Task ReleaseCoreAsync(object? owner)
    {
        Hold hold;
        lock (_gate)
        {
            if (_hold is null || !ReferenceEquals(_hold.Owner, owner))
            {
                throw new InvalidOperationException("the calling flow does not hold the mutex on " + BasePath);
            }
            if (--_hold.Count > 0)
            {
                return;
            }
            hold = _hold;
            _hold = null;
        }
        hold.Monitor.Dispose();
        await _internals.ReleaseAsync(hold.Node.Path).ConfigureAwait(false);
    }

    private Hold CurrentHold()
    {
        lock (_gate)
        {
            return _hold ?? throw new InvalidOperationException("the mutex on " + BasePath + " is not held in this process");
        }
    }

    private sealed class Hold(object owner, CreateResult node, HoldMonitor monitor)
    {
        public object Owner { get; } = owner;

        public CreateResult Node { get; } = node;

        public HoldMonitor Monitor { get; } = monitor;

        public int Count { get; set; } = 1;
    }
}
