namespace ZkNet.Hosting.Network;

/// <summary>
/// What one client connection may hold of the server's memory and time, so that no client, however it behaves,
/// can take the server down or slow the others: see <see cref="SocketServerCnxn"/>.
/// </summary>
/// <param name="MaxOutstandingRequests">Requests of one connection queued for the processor before its reader stops.</param>
/// <param name="GlobalOutstandingLimit">ZooKeeper's globalOutstandingLimit: while more requests than this are queued
/// server-wide, a connection that already has one queued stops reading (so every connection keeps at least one).</param>
/// <param name="MaxQueuedOutputBytes">Reply bytes of one connection waiting to be sent before its reader stops.</param>
/// <param name="SessionlessCnxnTimeoutMs">A connection that has not sent its whole ConnectRequest (or a four-letter
/// word) this long after it was accepted is closed; 0 or less never closes it.</param>
/// <param name="Time">The clock behind that deadline.</param>
internal sealed record ConnectionLimits(int MaxOutstandingRequests, int GlobalOutstandingLimit, long MaxQueuedOutputBytes,
    int SessionlessCnxnTimeoutMs, TimeProvider Time)
{
    /// <summary>
    /// For a connection whose pipeline does not serve yet (an ensemble member electing): the pipeline to hand its
    /// handshake to, once one serves or the member gives up holding it (see SocketServerCnxn.ElectionHold.cs).
    /// </summary>
    public Func<ValueTask<ZkNet.Server.Pipeline.ZooKeeperServer>>? HandshakeCore { get; init; }
}
