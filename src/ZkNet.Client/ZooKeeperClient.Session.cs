using ZkNet.Client.Exceptions;
using ZkNet.Client.Internal;
using ZkNet.Client.Watches;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// The session loop: connect to the next server, resume the session (same id and password, last zxid seen),
    /// re-send credentials and watches, run the connection until it drops, and start again, until the session
    /// expires, authentication fails or the client is closed. The server decides expiry: a client that was away
    /// longer than the session timeout learns it from the ConnectResponse (timeout 0) when it gets back.
    /// </summary>
    private async Task RunAsync()
    {
        var token = _stop.Token;
        var firstConnection = true;
        while (!token.IsCancellationRequested && !_closing && !IsTerminal)
        {
            var ((host, port), pause) = _hosts.Next(firstConnection);
            if (pause > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(pause, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            ClientConnection? connection = null;
            var established = false;
            try
            {
                Log.Connecting(_logger, host, port, SessionId);
                var (opened, response) = await ClientConnection.OpenAsync(this, host, port, BuildConnectRequest(),
                    ConnectAttemptTimeout(), _options.MaxPacketLength, _options.Tls, token).ConfigureAwait(false);
                connection = opened;
                if (response.TimeOut <= 0)
                {
                    OnExpired();
                    break;
                }
                // Snapshot auth and watches before announcing the session, so nothing registered afterwards is sent twice.
                var primer = BuildPrimer();
                OnConnected(response, host, port);
                established = true;
                firstConnection = false;
                _hosts.OnConnected();
                var watchdog = response.ReadOnly && _hosts.Count > 1 ? ProbeForReadWriteServerAsync : (Func<CancellationToken, Task>?)null;
                await connection.RunAsync(primer, TimeSpan.FromMilliseconds(response.TimeOut), watchdog, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (ReadWriteServerFoundException e)
            {
                _hosts.Prefer(e.Server);
            }
            catch (Exception e)
            {
                if (established)
                {
                    Log.ConnectionLost(_logger, host, port, SessionId, e);
                }
                else
                {
                    Log.ConnectFailed(_logger, host, port, e);
                }
            }
            finally
            {
                if (connection is not null)
                {
                    connection.FailPending(CreateFailure);
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
                // As ZooKeeper's client does, what was queued but not yet sent fails too: the caller learns at once
                // that the outcome is ConnectionLoss rather than waiting on an unknown reconnect.
                FailQueued();
                if (!established)
                {
                    _hosts.OnFailure();
                }
                else if (!_closing && !IsTerminal && !token.IsCancellationRequested)
                {
                    SetState(ClientState.Connecting);
                    PostState(KeeperState.Disconnected);
                }
            }
        }
    }

    private ConnectRequest BuildConnectRequest()
    {
        lock (_stateGate)
        {
            // A session only ever seen by read-only servers is not a real session yet; ZooKeeper's client starts
            // over rather than resuming it.
            var sessionId = _seenReadWriteServer ? _sessionId : 0;
            return new ConnectRequest(0, LastZxid, (int)_options.SessionTimeout.TotalMilliseconds, sessionId,
                _password, _options.CanBeReadOnly);
        }
    }

    /// <summary>ZooKeeper's connect timeout: the session timeout shared out between the servers.</summary>
    private TimeSpan ConnectAttemptTimeout()
    {
        var timeoutMs = Volatile.Read(ref _negotiatedTimeoutMs);
        if (timeoutMs <= 0)
        {
            timeoutMs = (int)_options.SessionTimeout.TotalMilliseconds;
        }
        return TimeSpan.FromMilliseconds(Math.Max(1000, timeoutMs / _hosts.Count));
    }

    private void OnConnected(ConnectResponse response, string host, int port)
    {
        lock (_stateGate)
        {
            if (_closing || IsTerminalLocked)
            {
                return;
            }
            Interlocked.Exchange(ref _sessionId, response.SessionId);
            _password = response.Passwd ?? [];
            Volatile.Write(ref _negotiatedTimeoutMs, response.TimeOut);
            _seenReadWriteServer |= !response.ReadOnly;
            _state = response.ReadOnly ? ClientState.ConnectedReadOnly : ClientState.Connected;
        }
        Log.Connected(_logger, response.SessionId, host, port, response.TimeOut, response.ReadOnly ? " (read-only)" : "");
        PostState(response.ReadOnly ? KeeperState.ConnectedReadOnly : KeeperState.SyncConnected);
        _firstSession.TrySetResult();
    }

    private void OnExpired()
    {
        Log.SessionExpired(_logger, SessionId);
        if (EnterTerminal(ClientState.Expired))
        {
            PostState(KeeperState.Expired);
            _watches.Clear();
            _firstSession.TrySetException(new SessionExpiredException());
        }
    }

    /// <summary>Posts a state change to every watcher it reaches, in order with node events, and to the connection-state tracker.</summary>
    private void PostState(KeeperState state)
    {
        _connectionStates.OnKeeperState(state);
        _dispatcher.Post(new WatchedEvent(EventType.None, state, null), _watches.MaterializeState());
    }

    private void SetState(ClientState state)
    {
        lock (_stateGate)
        {
            if (!IsTerminalLocked && !_closing)
            {
                _state = state;
            }
        }
    }

    private bool IsTerminal
    {
        get
        {
            lock (_stateGate)
            {
                return IsTerminalLocked;
            }
        }
    }

    private bool IsTerminalLocked => _state is ClientState.Expired or ClientState.AuthFailed or ClientState.Closed;

    /// <summary>Moves to a final state once; later requests fail with the matching error.</summary>
    private bool EnterTerminal(ClientState state)
    {
        lock (_stateGate)
        {
            if (IsTerminalLocked)
            {
                return false;
            }
            _state = state;
        }
        // Completing the queue makes every later submit fail at once instead of waiting for a writer that never comes.
        _outgoing.Writer.TryComplete();
        FailQueued();
        return true;
    }

    /// <summary>The error for a request that cannot be answered any more, by state.</summary>
    private Exception CreateFailure() => State switch
    {
        ClientState.Expired => new SessionExpiredException(),
        ClientState.AuthFailed => new AuthFailedException(),
        _ => new ConnectionLossException(),
    };

    private void FailQueued()
    {
        while (_outgoing.Reader.TryRead(out var packet))
        {
            packet.Fail(CreateFailure());
        }
    }
}
