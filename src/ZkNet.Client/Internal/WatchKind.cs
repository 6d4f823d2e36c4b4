namespace ZkNet.Client.Internal;

/// <summary>The client-side watch tables, as ZooKeeper's ZKWatchManager keeps them.</summary>
internal enum WatchKind
{
    /// <summary>Left by getData, or by exists on a node that exists.</summary>
    Data,

    /// <summary>Left by exists on a node that does not exist (fires on create).</summary>
    Exist,

    /// <summary>Left by getChildren.</summary>
    Child,

    /// <summary>addWatch in persistent mode.</summary>
    Persistent,

    /// <summary>addWatch in persistent recursive mode.</summary>
    PersistentRecursive,
}
