namespace ZkNet.Recipes.Cache;

/// <summary>What happened to a cached node (Curator's CuratorCacheListener.Type, plus the end of the initial load).</summary>
public enum CacheEventType
{
    /// <summary>A node appeared (also reported for every node of the initial load).</summary>
    Created,

    /// <summary>A node's data or Stat changed.</summary>
    Changed,

    /// <summary>A node went away.</summary>
    Deleted,

    /// <summary>The initial load is complete (reported once, after its Created events).</summary>
    Initialized,
}
