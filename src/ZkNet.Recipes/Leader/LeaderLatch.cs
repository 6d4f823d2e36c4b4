using System.Text;
using ZkNet.Client;
using ZkNet.Client.Exceptions;
using ZkNet.Client.Retry;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Recipes.Internal;
using ZkNet.Recipes.Locks;

namespace ZkNet.Recipes.Leader;

/// <summary>
/// Leader election by latch (Curator's LeaderLatch, same nodes): every contender creates a protected
/// ephemeral-sequential node <c>{path}/_c_&lt;uuid&gt;-latch-&lt;sequence&gt;</c> holding its id; the lowest sequence leads,
/// and each other contender watches only the node just ahead of it. Leadership lasts until <see cref="CloseAsync"/>,
/// or until the connection is suspended or the session lost; on reconnecting the latch queues again with a new node,
/// as Curator does. A ZkNet latch and a Curator LeaderLatch on one path elect one leader between them.
/// </summary>
public sealed class LeaderLatch : IAsyncDisposable
{
    /// <summary>Curator's latch node name (LeaderLatch.LOCK_NAME).</summary>
    public const string LatchName = "latch-";

    private readonly IZooKeeperClient _client;
    private readonly IRetryPolicy _retry;
    private readonly LockInternals _queue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _stateGate = new();
    private readonly List<Func<bool, ValueTask>> _listeners = [];
    private IDisposable? _connectionListener;
    private TaskCompletionSource _leader = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _term = new();
    private string? _ourPath;
    private bool _hasLeadership;
    private int _state; // 0 latent, 1 started, 2 closed

    /// <summary>Creates a latch; nothing happens until <see cref="StartAsync"/>.</summary>
    /// <param name="client">The session to contend with.</param>
    /// <param name="latchPath">The election's path.</param>
    /// <param name="id">This contender's id, stored in its node and reported by <see cref="GetParticipantsAsync"/>.</param>
    /// <param name="retryPolicy">How steps that fail with a connection loss are retried; null for the recipes' default.</param>
    public LeaderLatch(IZooKeeperClient client, string latchPath, string id = "", IRetryPolicy? retryPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(id);
        _client = client;
        LatchPath = ZkPaths.Validate(latchPath, nameof(latchPath));
        Id = id;
        _retry = RecipeDefaults.RetryPolicy(retryPolicy);
        // The latch's queue sorts and lists like a lock's; only what it does with its place differs.
        _queue = new LockInternals(client, new StandardLockInternalsDriver(), LatchPath, LatchName, 1, _retry);
    }

    /// <summary>The election's path.</summary>
    public string LatchPath { get; }

    /// <summary>This contender's id.</summary>
    public string Id { get; }

    /// <summary>This contender's node, or null before it is created.</summary>
    public string? OurPath
    {
        get
        {
            lock (_stateGate)
            {
                return _ourPath;
            }
        }
    }

    /// <summary>Whether this contender leads now.</summary>
    public bool HasLeadership
    {
        get
        {
            lock (_stateGate)
            {
                return _hasLeadership;
            }
        }
    }

    /// <summary>
    /// Cancelled when the current leadership ends (suspended or lost connection, close). Read it after becoming
    /// leader; while not leading it is already cancelled or belongs to the next term.
    /// </summary>
    public CancellationToken LeadershipLost
    {
        get
        {
            lock (_stateGate)
            {
                return _term.Token;
            }
        }
    }

    /// <summary>Calls <paramref name="listener"/> with true on becoming leader and false on losing it, in order.</summary>
    public IDisposable AddListener(Func<bool, ValueTask> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_stateGate)
        {
            _listeners.Add(listener);
        }
        return new Unsubscriber(() =>
        {
            lock (_stateGate)
            {
                _listeners.Remove(listener);
            }
        });
    }

    /// <summary>Joins the election: creates this contender's node and starts following the queue.</summary>
    /// <exception cref="InvalidOperationException">Already started or closed.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the latch was already started");
        }
        _connectionListener = _client.AddConnectionStateListener(OnConnectionStateAsync);
        await ResetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until this contender leads.</summary>
    /// <exception cref="InvalidOperationException">The latch is closed.</exception>
    public Task AwaitLeadershipAsync(CancellationToken cancellationToken = default)
    {
        lock (_stateGate)
        {
            return _leader.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for leadership; returns whether this contender leads.</summary>
    public async Task<bool> AwaitLeadershipAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await Waiting.CompletesWithinAsync(AwaitLeadershipAsync(cancellationToken), timeout, cancellationToken).ConfigureAwait(false)
        || HasLeadership;

    /// <summary>Every contender in queue order, the leader first (Curator's getParticipants).</summary>
    public async Task<IReadOnlyList<Participant>> GetParticipantsAsync(CancellationToken cancellationToken = default)
    {
        var children = await SortedChildrenAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<Participant>();
        foreach (var child in children)
        {
            var data = await _client.TryGetDataAsync(ZkPaths.MakePath(LatchPath, child), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (data is not null)
            {
                result.Add(new Participant(Encoding.UTF8.GetString(data.Data), result.Count == 0));
            }
        }
        return result;
    }

    /// <summary>Leaves the election: deletes this contender's node (handing leadership on) and stops.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            return;
        }
        _connectionListener?.Dispose();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await DeleteOurNodeAsync().ConfigureAwait(false);
            await SetLeadershipAsync(false).ConfigureAwait(false);
            lock (_stateGate)
            {
                _leader.TrySetException(new InvalidOperationException("the latch was closed"));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private async ValueTask OnConnectionStateAsync(ConnectionState state)
    {
        if (state is ConnectionState.Suspended or ConnectionState.Lost)
        {
            await SetLeadershipAsync(false).ConfigureAwait(false);
        }
        else if (state == ConnectionState.Reconnected)
        {
            // Curator queues again with a new node: the old one may be gone with an expired session.
            _ = Task.Run(() => ResetAsync(CancellationToken.None));
        }
    }

    private async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _state) != 1)
            {
                return;
            }
            await SetLeadershipAsync(false).ConfigureAwait(false);
            await DeleteOurNodeAsync().ConfigureAwait(false);
            var created = await ProtectedNodes.CreateAsync(_client, _retry, LatchPath, LatchName, Encoding.UTF8.GetBytes(Id),
                CreateMode.EphemeralSequential, cancellationToken).ConfigureAwait(false);
            lock (_stateGate)
            {
                _ourPath = created.Path;
            }
        }
        finally
        {
            _gate.Release();
        }
        await CheckLeadershipAsync().ConfigureAwait(false);
    }

    private async Task CheckLeadershipAsync()
    {
        var reset = false;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            while (Volatile.Read(ref _state) == 1 && OurPath is { } ourPath)
            {
                var children = await SortedChildrenAsync(CancellationToken.None).ConfigureAwait(false);
                var ourIndex = children.IndexOf(ZkPaths.GetNodeFromPath(ourPath));
                if (ourIndex < 0)
                {
                    reset = true;
                    break;
                }
                if (ourIndex == 0)
                {
                    await SetLeadershipAsync(true).ConfigureAwait(false);
                    break;
                }
                var watcher = Watcher.Create(e =>
                {
                    if (e.Type == EventType.NodeDeleted)
                    {
                        _ = Task.Run(CheckLeadershipAsync);
                    }
                });
                var previous = ZkPaths.MakePath(LatchPath, children[ourIndex - 1]);
                if (await RetryLoop.RunAsync(_retry, token => _client.TryGetDataAsync(previous, watcher, token)).ConfigureAwait(false) is not null)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // The session is gone or the client closed: the connection listener has already taken leadership away.
        }
        finally
        {
            _gate.Release();
        }
        if (reset)
        {
            await ResetAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task<List<string>> SortedChildrenAsync(CancellationToken cancellationToken) =>
        _queue.GetSortedChildrenAsync(cancellationToken);

    private async Task DeleteOurNodeAsync()
    {
        string? ourPath;
        lock (_stateGate)
        {
            ourPath = _ourPath;
            _ourPath = null;
        }
        if (ourPath is null)
        {
            return;
        }
        try
        {
            await RetryLoop.RunAsync(_retry, token => _client.TryDeleteAsync(ourPath, cancellationToken: token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KeeperException or ObjectDisposedException)
        {
            // Gone with the session.
        }
    }

    private async Task SetLeadershipAsync(bool leader)
    {
        Func<bool, ValueTask>[] listeners;
        lock (_stateGate)
        {
            if (_hasLeadership == leader)
            {
                return;
            }
            _hasLeadership = leader;
            if (leader)
            {
                _leader.TrySetResult();
            }
            else
            {
                _term.Cancel();
                _term.Dispose();
                _term = new CancellationTokenSource();
                _leader = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            listeners = [.. _listeners];
        }
        foreach (var listener in listeners)
        {
            try
            {
                await listener(leader).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A failing listener must not keep the others from hearing, nor break the election.
            }
        }
    }
}
