namespace ZkNet.Protocol;

/// <summary>Watch event types as ZooKeeper's Watcher.Event.EventType numbers them.</summary>
public enum EventType
{
    /// <summary>A connection state change, not a node event.</summary>
    None = -1,
    /// <summary>The watched node was created.</summary>
    NodeCreated = 1,
    /// <summary>The watched node was deleted.</summary>
    NodeDeleted = 2,
    /// <summary>The watched node's data changed.</summary>
    NodeDataChanged = 3,
    /// <summary>The watched node's children changed.</summary>
    NodeChildrenChanged = 4,
    /// <summary>A data watch was removed.</summary>
    DataWatchRemoved = 5,
    /// <summary>A child watch was removed.</summary>
    ChildWatchRemoved = 6,
    /// <summary>A persistent watch was removed.</summary>
    PersistentWatchRemoved = 7,
}

/// <summary>Connection states as ZooKeeper's Watcher.Event.KeeperState numbers them.</summary>
public enum KeeperState
{
    /// <summary>Disconnected from the server.</summary>
    Disconnected = 0,
    /// <summary>Connected and in sync.</summary>
    SyncConnected = 3,
    /// <summary>Authentication failed.</summary>
    AuthFailed = 4,
    /// <summary>Connected to a read-only server.</summary>
    ConnectedReadOnly = 5,
    /// <summary>SASL authentication succeeded.</summary>
    SaslAuthenticated = 6,
    /// <summary>The session expired.</summary>
    Expired = -112,
    /// <summary>The client closed (client-side only).</summary>
    Closed = 7,
}

/// <summary>Watcher kinds for checkWatches and removeWatches (Watcher.WatcherType).</summary>
public enum WatcherType
{
    /// <summary>Child watches.</summary>
    Children = 1,
    /// <summary>Data (and exists) watches.</summary>
    Data = 2,
    /// <summary>Any watch, including persistent ones.</summary>
    Any = 3,
    /// <summary>Persistent watches (ZooKeeper 3.9; older servers refuse it).</summary>
    Persistent = 4,
    /// <summary>Persistent recursive watches (ZooKeeper 3.9; older servers refuse it).</summary>
    PersistentRecursive = 5,
}

/// <summary>addWatch modes (AddWatchMode).</summary>
public enum AddWatchMode
{
    /// <summary>A persistent watch on one node (data changes, its children list, create, delete).</summary>
    Persistent = 0,
    /// <summary>A persistent watch on a node and every descendant (no child events).</summary>
    PersistentRecursive = 1,
}
