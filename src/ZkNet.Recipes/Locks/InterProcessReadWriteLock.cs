namespace ZkNet.Recipes.Locks;

/// <summary>
/// A read-write lock across processes (Curator's InterProcessReadWriteLock, same nodes): readers create
/// <c>_c_&lt;uuid&gt;-__READ__&lt;sequence&gt;</c>, writers <c>_c_&lt;uuid&gt;-__WRIT__&lt;sequence&gt;</c> under one path. Any number
/// of readers hold it together unless a writer queued ahead of them; a writer holds it alone. It is fair: a reader
/// arriving after a waiting writer waits for that writer. Reentrant per async flow; a flow holding the write lock may
/// also take the read lock (downgrade), not the reverse.
/// </summary>
public sealed class InterProcessReadWriteLock
{
    /// <summary>Curator's read node name.</summary>
    public const string ReadLockName = "__READ__";

    /// <summary>Curator's write node name.</summary>
    public const string WriteLockName = "__WRIT__";

    /// <summary>Creates the lock on <paramref name="path"/>.</summary>
    /// <param name="client">The session to lock with.</param>
    /// <param name="path">The lock's path.</param>
    /// <param name="options">Settings, or null for the defaults.</param>
    public InterProcessReadWriteLock(Client.IZooKeeperClient client, string path, LockOptions? options = null)
    {
        WriteLock = new InterProcessMutex(client, path, WriteLockName, 1, new ReadWriteLockDriver(forReader: false, () => false), options);
        ReadLock = new InterProcessMutex(client, path, ReadLockName, int.MaxValue,
            new ReadWriteLockDriver(forReader: true, () => WriteLock.IsOwnedByCurrentFlow), options);
    }

    /// <summary>The shared side: any number of holders while no writer holds or waits ahead.</summary>
    public InterProcessMutex ReadLock { get; }

    /// <summary>The exclusive side.</summary>
    public InterProcessMutex WriteLock { get; }
}
