namespace ZkNet.Server.Watches;

/// <summary>How a watch behaves once triggered.</summary>
public enum WatcherMode
{
    /// <summary>One-shot: removed when it fires.</summary>
    Standard,
    /// <summary>Stays after firing; fires for the node only.</summary>
    Persistent,
    /// <summary>Stays after firing; fires for the node and every descendant, never for child-list changes.</summary>
    PersistentRecursive,
}
