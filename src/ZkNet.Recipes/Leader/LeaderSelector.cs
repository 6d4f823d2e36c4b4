using System.Text;
using ZkNet.Client;
using ZkNet.Recipes.Internal;
using ZkNet.Recipes.Locks;

namespace ZkNet.Recipes.Leader;

/// <summary>
/// Leader election that runs a task while leading (Curator's LeaderSelector, same nodes): contenders queue on an
/// <see cref="InterProcessMutex"/> at the path, whose node holds the contender's id; the holder runs the
/// leadership task and leads until that task returns. The task's token is cancelled when the connection is suspended
/// or the session lost (Curator interrupts its leader then) and on close: the task must stop promptly. With
/// <see cref="LeaderSelectorOptions.AutoRequeue"/> the selector queues again after each term.
/// </summary>
public sealed class LeaderSelector : IAsyncDisposable
{
    private readonly IZooKeeperClient _client;
    private readonly Func<CancellationToken, Task> _takeLeadership;
    private readonly InterProcessMutex _mutex;
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _queued = new(0);
    private Task? _loop;
    private volatile bool _hasLeadership;
    private int _started;

    /// <summary>Creates a selector; nothing happens until <see cref="Start"/>.</summary>
    /// <param name="client">The session to contend with.</param>
    /// <param name="leaderPath">The election's path.</param>
    /// <param name="takeLeadership">Runs while leading; leadership ends when it returns or throws.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public LeaderSelector(IZooKeeperClient client, string leaderPath, Func<CancellationToken, Task> takeLeadership,
        LeaderSelectorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(takeLeadership);
        _client = client;
        _takeLeadership = takeLeadership;
        Options = options ?? new LeaderSelectorOptions();
        LeaderPath = ZkPaths.Validate(leaderPath, nameof(leaderPath));
        _mutex = new InterProcessMutex(client, leaderPath, new LockOptions
        {
            NodeData = Encoding.UTF8.GetBytes(Options.Id),
            RetryPolicy = Options.RetryPolicy,
            SuspendedIsLost = true,
        });
    }

    /// <summary>The election's path.</summary>
    public string LeaderPath { get; }

    /// <summary>The settings.</summary>
    public LeaderSelectorOptions Options { get; }

    /// <summary>Whether the leadership task is running now.</summary>
    public bool HasLeadership => _hasLeadership;

    /// <summary>Queues for leadership (once; see <see cref="Requeue"/> and <see cref="LeaderSelectorOptions.AutoRequeue"/>).</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the selector was already started");
        }
        _queued.Release();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues again for one more term, if not already queued or leading.</summary>
    public void Requeue()
    {
        if (_queued.CurrentCount == 0)
        {
            _queued.Release();
        }
    }

    /// <summary>Every contender in queue order, the leader first.</summary>
    public async Task<IReadOnlyList<Participant>> GetParticipantsAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<Participant>();
        foreach (var node in await _mutex.GetParticipantNodesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await _client.TryGetDataAsync(node, cancellationToken: cancellationToken).ConfigureAwait(false) is { } data)
            {
                result.Add(new Participant(Encoding.UTF8.GetString(data.Data), result.Count == 0));
            }
        }
        return result;
    }

    /// <summary>Stops contending: cancels a running leadership task, waits for it, and leaves the queue.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        while (!_closing.IsCancellationRequested)
        {
            try
            {
                await _queued.WaitAsync(_closing.Token).ConfigureAwait(false);
                await using var held = await _mutex.LockAsync(_closing.Token).ConfigureAwait(false);
                using var term = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token, held.LockLost);
                _hasLeadership = true;
                try
                {
                    await _takeLeadership(term.Token).ConfigureAwait(false);
                }
                catch (Exception) when (term.IsCancellationRequested)
                {
                    // The task stopped because its leadership ended: expected.
                }
                finally
                {
                    _hasLeadership = false;
                }
            }
            catch (OperationCanceledException) when (_closing.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The task failed, or the session went while queueing: leadership ended; requeue if asked to.
            }
            if (Options.AutoRequeue)
            {
                Requeue();
            }
        }
    }
}
