using ZkNet.Client.Internal;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>The connection state in Curator's terms (see <see cref="Client.ConnectionState"/>), or null before the first session.</summary>
    public ConnectionState? ConnectionState => _connectionStates.Current;

    /// <summary>
    /// Calls <paramref name="listener"/> for every later connection state change, in order (Curator's
    /// ConnectionStateListener). Listeners run one at a time on a task of their own; one that throws is logged and
    /// the others still run. Dispose the result to stop listening.
    /// </summary>
    public IDisposable AddConnectionStateListener(Func<ConnectionState, ValueTask> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return _connectionStates.Add(listener);
    }

    /// <summary>As <see cref="AddConnectionStateListener(Func{Client.ConnectionState, ValueTask})"/>, with a synchronous callback.</summary>
    public IDisposable AddConnectionStateListener(Action<ConnectionState> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        return _connectionStates.Add(state =>
        {
            listener(state);
            return ValueTask.CompletedTask;
        });
    }

    private ConnectionStateTracker CreateConnectionStateTracker() =>
        new(() => SessionTimeout > TimeSpan.Zero ? SessionTimeout : _options.SessionTimeout, TimeProvider.System, _logger);
}
