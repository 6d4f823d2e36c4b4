namespace ZkNet.Recipes.Locks;

/// <summary>
/// The read-write lock's drivers (Curator's InterProcessReadWriteLock): readers and writers share one queue ordered
/// by sequence whatever their name. A writer holds the lock when first in the queue; a reader when no writer is
/// ahead of it (then it waits on the first writer), or when its own flow holds the write lock (downgrade).
/// </summary>
internal sealed class ReadWriteLockDriver(bool forReader, Func<bool> writeHeldByCurrentFlow) : StandardLockInternalsDriver
{
    /// <inheritdoc />
    public override string FixForSorting(string name, string lockName) =>
        StandardFixForSorting(StandardFixForSorting(name, InterProcessReadWriteLock.ReadLockName), InterProcessReadWriteLock.WriteLockName);

    /// <inheritdoc />
    public override PredicateResults GetsTheLock(IReadOnlyList<string> sortedChildren, string ourName, int maxLeases)
    {
        if (!forReader)
        {
            return base.GetsTheLock(sortedChildren, ourName, maxLeases);
        }
        if (writeHeldByCurrentFlow())
        {
            return new PredicateResults(true, null);
        }
        var ourIndex = IndexOf(sortedChildren, ourName);
        for (var i = 0; i < ourIndex; i++)
        {
            if (sortedChildren[i].Contains(InterProcessReadWriteLock.WriteLockName, StringComparison.Ordinal))
            {
                return new PredicateResults(false, sortedChildren[i]);
            }
        }
        return new PredicateResults(true, null);
    }
}
