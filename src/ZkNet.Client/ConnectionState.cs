namespace ZkNet.Client;

/// <summary>
/// The connection as recipes see it, with the meaning of Curator's ConnectionState: what a lock holder or leader
/// must assume at each step. Reported through <see cref="IZooKeeperClient.AddConnectionStateListener"/>.
/// </summary>
public enum ConnectionState
{
    /// <summary>The first session was established.</summary>
    Connected,

    /// <summary>
    /// The connection dropped; the session may still live. Requests fail with ConnectionLoss until the client
    /// reconnects. A lock holder or leader can no longer be sure it is one: it should pause work that depends on it.
    /// </summary>
    Suspended,

    /// <summary>Connected again to the same session after <see cref="Suspended"/> (or <see cref="Lost"/>): ephemeral nodes and watches are intact.</summary>
    Reconnected,

    /// <summary>
    /// The session is gone, or must be assumed gone: the server expired it, or the connection stayed down for the
    /// whole session timeout (so the server may have expired it; Curator's rule). Every lock, lease and leadership of
    /// this session is lost. If the server had not in fact expired it, <see cref="Reconnected"/> may still follow.
    /// </summary>
    Lost,

    /// <summary>Connected to a server in read-only mode: reads work, writes fail.</summary>
    ReadOnly,
}
