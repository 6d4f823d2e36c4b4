using ZkNet.Client.Internal;
using ZkNet.Protocol;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>The longest close waits for the server to confirm closeSession.</summary>
    private static readonly TimeSpan CloseReplyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Closes the session on the server (its ephemeral nodes are deleted at once, and other clients' watches on
    /// them fire) and stops the client: requests still in flight fail with ConnectionLoss, later calls throw
    /// <see cref="ObjectDisposedException"/>, and every watcher receives <see cref="KeeperState.Closed"/>.
    /// Waits at most a few seconds for the server's confirmation; <paramref name="cancellationToken"/> only cuts that
    /// wait short, the client is closed either way. Safe to call more than once and concurrently.
    /// </summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        bool wasConnected;
        var closing = false;
        lock (_stateGate)
        {
            wasConnected = _state is ClientState.Connected or ClientState.ConnectedReadOnly;
            if (!_closing)
            {
                // While the closeSession reply is awaited, the server's hang-up that follows must not look like a drop.
                _closing = true;
            }
            else
            {
                wasConnected = false;
                // Another call is closing: wait for it rather than cutting its closeSession short.
                closing = true;
            }
        }
        if (closing)
        {
            await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        if (wasConnected)
        {
            var packet = new Packet<bool>(OpCode.CloseSession, null, null, null);
            packet.RegisterCancellation(cancellationToken);
            if (_outgoing.Writer.TryWrite(packet))
            {
                try
                {
                    var timeout = TimeSpan.FromMilliseconds(Math.Min(CloseReplyTimeout.TotalMilliseconds, SessionTimeout.TotalMilliseconds));
                    await packet.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // No confirmation in time (or the caller stopped waiting): the server ends the session by itself
                    // when its timeout passes, and closing goes on regardless.
                }
            }
        }
        var closedHere = EnterTerminal(ClientState.Closed);
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is { } run)
        {
            try
            {
                await run.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The loop reports its own failures through the log.
            }
        }
        FailQueued();
        if (closedHere)
        {
            Log.Closed(_logger, SessionId);
        }
        if (_closed.TrySetResult())
        {
            PostState(KeeperState.Closed);
            _watches.Clear();
            _dispatcher.Complete();
            _firstSession.TrySetException(new ObjectDisposedException(nameof(ZooKeeperClient)));
        }
    }
}
