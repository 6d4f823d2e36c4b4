namespace ZkNet.Recipes.Locks;

/// <summary>
/// The rule of one lock kind over its queue of sequential children (Curator's LockInternalsDriver): how names sort
/// and who holds the lock.
/// </summary>
internal interface ILockInternalsDriver
{
    /// <summary>The part of a child name that orders it (its sequence number), as Curator's fixForSorting.</summary>
    string FixForSorting(string name, string lockName);

    /// <summary>Decides for <paramref name="ourName"/> among <paramref name="sortedChildren"/>.</summary>
    /// <exception cref="Client.Exceptions.NoNodeException">Our node is not among the children (the session lost it).</exception>
    PredicateResults GetsTheLock(IReadOnlyList<string> sortedChildren, string ourName, int maxLeases);
}
