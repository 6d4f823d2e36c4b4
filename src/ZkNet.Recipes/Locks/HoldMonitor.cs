using ZkNet.Client;
using ZkNet.Client.Watches;
using ZkNet.Protocol;

namespace ZkNet.Recipes.Locks;

/// <summary>
/// Watches one held lock or lease node and cancels <see cref="Lost"/> when holding it can no longer be trusted:
/// the session is lost (expired, or disconnected for a whole session timeout), the client closed, or the node was
/// deleted behind our back. Optionally a mere suspension (disconnect) counts too.
/// </summary>
/// <remarks>
/// A session can outlive the Lost that a long disconnect declares (the server had not expired it yet, and the
/// client resumes it). Its node would then hold the lock for a holder that was told it lost it, so once Lost was
/// declared the monitor deletes the node on reconnecting. Curator reaches the same end by injecting a session
/// expiration into its ZooKeeper handle.
/// </remarks>
internal sealed class HoldMonitor : IDisposable
{
    private readonly CancellationTokenSource _lost = new();
    private readonly IDisposable _registration;

    private HoldMonitor(IZooKeeperClient client, string nodePath, bool suspendedIsLost)
    {
        _registration = client.AddConnectionStateListener(async state =>
        {
            if (state == ConnectionState.Lost || (suspendedIsLost && state == ConnectionState.Suspended))
            {
                Cancel();
            }
            else if (state == ConnectionState.Reconnected && _lost.IsCancellationRequested)
            {
                try
                {
                    await client.TryDeleteAsync(nodePath).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Dropped again, or closed: the server will expire the session and the node with it.
                }
            }
        });
        if (client.State is not (ClientState.Connected or ClientState.ConnectedReadOnly or ClientState.Connecting))
        {
            Cancel();
        }
    }

    /// <summary>Cancelled once the hold is lost.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Starts watching <paramref name="nodePath"/> on <paramref name="client"/>. The watch request is pipelined, not
    /// awaited: the holder need not wait a round trip for it, and a node deleted before it arrives is reported as
    /// missing by its answer.
    /// </summary>
    public static HoldMonitor Start(IZooKeeperClient client, string nodePath, bool suspendedIsLost)
    {
        var monitor = new HoldMonitor(client, nodePath, suspendedIsLost);
        var watcher = Watcher.Create(e =>
        {
            // A node event other than a data change means the node went; a final state ends the session.
            if ((!e.IsStateChange && e.Type == EventType.NodeDeleted)
                || (e.IsStateChange && e.State is KeeperState.Expired or KeeperState.Closed or KeeperState.AuthFailed))
            {
                monitor.Cancel();
            }
        });
        _ = client.ExistsAsync(nodePath, watcher).ContinueWith(static (exists, state) =>
        {
            // Gone already, or could not even look: the hold cannot be vouched for.
            if (exists.IsFaulted || exists.IsCanceled || exists.Result is null)
            {
                ((HoldMonitor)state!).Cancel();
            }
        }, monitor, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return monitor;
    }

    public void Dispose()
    {
        _registration.Dispose();
        _lost.Dispose();
    }

    private void Cancel()
    {
        try
        {
            _lost.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Released meanwhile.
        }
    }
}
