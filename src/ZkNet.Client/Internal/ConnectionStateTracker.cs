using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol;

namespace ZkNet.Client.Internal;

/// <summary>
/// Turns ZooKeeper's keeper states into Curator's connection states (ConnectionStateManager): Disconnected is
/// Suspended, a session timeout spent disconnected or Expired is Lost, SyncConnected after either is Reconnected.
/// Listeners run one at a time, in order, on a task of their own, so a slow listener delays only later listeners.
/// The client reports each keeper state here as it posts it (not through the event dispatcher), so
/// <see cref="Current"/> is already right when, say, ConnectAsync returns.
/// </summary>
internal sealed class ConnectionStateTracker
{
    private readonly Lock _gate = new();
    private readonly Func<TimeSpan> _sessionTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    // Each change travels with the listeners registered when it happened: one added later hears only later changes.
    private readonly Channel<(ConnectionState State, Func<ConnectionState, ValueTask>[] Listeners)> _changes =
        Channel.CreateUnbounded<(ConnectionState, Func<ConnectionState, ValueTask>[])>(new UnboundedChannelOptions
    {
        SingleReader = true,
        AllowSynchronousContinuations = false,
    });
    private Func<ConnectionState, ValueTask>[] _listeners = [];
    private ConnectionState? _current;
    private ITimer? _lostTimer;
    private bool _final;

    public ConnectionStateTracker(Func<TimeSpan> sessionTimeout, TimeProvider time, ILogger logger)
    {
        _sessionTimeout = sessionTimeout;
        _time = time;
        _logger = logger;
        _ = Task.Run(DeliverAsync);
    }

    /// <summary>The last state reported, or null before the first session.</summary>
    public ConnectionState? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public IDisposable Add(Func<ConnectionState, ValueTask> listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
        }
        return new Registration(this, listener);
    }

    /// <summary>Takes one keeper state change, as the client posts it.</summary>
    public void OnKeeperState(KeeperState keeperState)
    {
        lock (_gate)
        {
            switch (keeperState)
            {
                case KeeperState.SyncConnected:
                    CancelLostTimer();
                    Report(_current switch
                    {
                        null => ConnectionState.Connected,
                        ConnectionState.Suspended or ConnectionState.Lost or ConnectionState.ReadOnly => ConnectionState.Reconnected,
                        _ => null,
                    });
                    break;
                case KeeperState.ConnectedReadOnly:
                    CancelLostTimer();
                    Report(ConnectionState.ReadOnly);
                    break;
                case KeeperState.Disconnected when _current is ConnectionState.Connected or ConnectionState.Reconnected or ConnectionState.ReadOnly:
                    Report(ConnectionState.Suspended);
                    // The server expires the session one session timeout after it last heard from us; past that a
                    // holder must assume the worst even though no Expired can reach it while disconnected.
                    _lostTimer = _time.CreateTimer(static state => ((ConnectionStateTracker)state!).OnSuspendedTooLong(), this,
                        _sessionTimeout(), Timeout.InfiniteTimeSpan);
                    break;
                case KeeperState.Expired or KeeperState.AuthFailed:
                    CancelLostTimer();
                    Report(_current == ConnectionState.Lost ? null : ConnectionState.Lost);
                    _final = true;
                    break;
                case KeeperState.Closed:
                    CancelLostTimer();
                    _final = true;
                    _changes.Writer.TryComplete();
                    break;
            }
        }
    }

    private void OnSuspendedTooLong()
    {
        lock (_gate)
        {
            if (_current == ConnectionState.Suspended && !_final)
            {
                Report(ConnectionState.Lost);
            }
        }
    }

    private void CancelLostTimer()
    {
        _lostTimer?.Dispose();
        _lostTimer = null;
    }

    private void Report(ConnectionState? next)
    {
        if (next is { } state && !_final)
        {
            _current = state;
            _changes.Writer.TryWrite((state, _listeners));
        }
    }

    private async Task DeliverAsync()
    {
        await foreach (var (state, listeners) in _changes.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            foreach (var listener in listeners)
            {
                try
                {
                    await listener(state).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    Log.StateListenerFailed(_logger, state, e);
                }
            }
        }
    }

    private sealed class Registration(ConnectionStateTracker owner, Func<ConnectionState, ValueTask> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._listeners = [.. owner._listeners.Where(l => !ReferenceEquals(l, listener))];
            }
        }
    }
}
