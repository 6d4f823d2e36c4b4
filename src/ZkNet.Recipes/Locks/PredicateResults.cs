namespace ZkNet.Recipes.Locks;

/// <summary>A lock driver's verdict: whether the node holds the lock, and if not which node to wait on.</summary>
/// <param name="GetsTheLock">Whether the node holds the lock now.</param>
/// <param name="PathToWatch">The child name whose deletion may let it in (null when it holds the lock).</param>
internal readonly record struct PredicateResults(bool GetsTheLock, string? PathToWatch);
