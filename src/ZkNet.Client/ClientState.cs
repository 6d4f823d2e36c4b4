namespace ZkNet.Client;

/// <summary>Where a <see cref="ZooKeeperClient"/> stands (ZooKeeper's ZooKeeper.States).</summary>
public enum ClientState
{
    /// <summary>Created; <see cref="ZooKeeperClient.OpenAsync"/> not called yet.</summary>
    NotConnected,

    /// <summary>Looking for a server: at first, or after losing a connection while the session may still live.</summary>
    Connecting,

    /// <summary>Connected with a session.</summary>
    Connected,

    /// <summary>Connected to a read-only server: reads work, writes fail with NotReadOnly.</summary>
    ConnectedReadOnly,

    /// <summary>The session expired; the client can do nothing more.</summary>
    Expired,

    /// <summary>The server refused the credentials; the client can do nothing more.</summary>
    AuthFailed,

    /// <summary>Closed by the application.</summary>
    Closed,
}
