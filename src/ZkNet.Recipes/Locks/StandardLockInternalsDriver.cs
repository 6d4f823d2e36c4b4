using ZkNet.Client.Exceptions;

namespace ZkNet.Recipes.Locks;

/// <summary>
/// Curator's StandardLockInternalsDriver: children sort by what follows the lock name (the 10-digit sequence), the
/// first <c>maxLeases</c> hold the lock, and every other node waits on the one <c>maxLeases</c> places ahead of it,
/// so a release wakes exactly one waiter (no herd effect).
/// </summary>
internal class StandardLockInternalsDriver : ILockInternalsDriver
{
    /// <summary>What follows the last occurrence of <paramref name="lockName"/>, or the whole name when it is absent.</summary>
    public static string StandardFixForSorting(string name, string lockName)
    {
        var index = name.LastIndexOf(lockName, StringComparison.Ordinal);
        return index < 0 ? name : name[(index + lockName.Length)..];
    }

    /// <inheritdoc />
    public virtual string FixForSorting(string name, string lockName) => StandardFixForSorting(name, lockName);

    /// <inheritdoc />
    public virtual PredicateResults GetsTheLock(IReadOnlyList<string> sortedChildren, string ourName, int maxLeases)
    {
        var ourIndex = IndexOf(sortedChildren, ourName);
        return ourIndex < maxLeases ? new PredicateResults(true, null) : new PredicateResults(false, sortedChildren[ourIndex - maxLeases]);
    }

    /// <summary>Our position in the queue; a missing node means the session lost it.</summary>
    protected static int IndexOf(IReadOnlyList<string> sortedChildren, string ourName)
    {
        for (var i = 0; i < sortedChildren.Count; i++)
        {
            if (sortedChildren[i] == ourName)
            {
                return i;
            }
        }
        throw new NoNodeException(ourName);
    }
}
