namespace ZkNet.Client.Internal;

internal sealed partial class ClientConnection
{
    /// <summary>
    /// Sends a ping whenever nothing has been sent for a third of the session timeout, and gives up on the
    /// connection when nothing has been heard for two thirds of it (ZooKeeper's client uses the same read timeout),
    /// leaving the last third to find another server before the session expires.
    /// </summary>
    private async Task HeartbeatAsync(TimeSpan sessionTimeout, CancellationToken cancellationToken)
    {
        var pingInterval = (long)sessionTimeout.TotalMilliseconds / 3;
        var readTimeout = (long)sessionTimeout.TotalMilliseconds * 2 / 3;
        while (true)
        {
            var now = Environment.TickCount64;
            var idleSend = now - Volatile.Read(ref _lastSend);
            var idleRecv = now - Volatile.Read(ref _lastHeard);
            if (idleRecv >= readTimeout)
            {
                throw new TimeoutException($"nothing heard from {Host}:{Port} for {idleRecv} ms");
            }
            if (idleSend >= pingInterval)
            {
                _owner.Outgoing.Writer.TryWrite(PingPacket.Instance);
                // Count the ping as sent now so it is not queued again before the writer gets to it.
                Volatile.Write(ref _lastSend, now);
                idleSend = 0;
            }
            var wait = Math.Max(10, Math.Min(pingInterval - idleSend, readTimeout - idleRecv));
            await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken).ConfigureAwait(false);
        }
    }
}
