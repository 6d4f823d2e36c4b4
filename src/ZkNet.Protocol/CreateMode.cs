namespace ZkNet.Protocol;

/// <summary>The flags of a create request, numbered as ZooKeeper's CreateMode.</summary>
public enum CreateMode
{
    /// <summary>A node that stays until deleted.</summary>
    Persistent = 0,
    /// <summary>A node deleted when its creating session ends.</summary>
    Ephemeral = 1,
    /// <summary>A persistent node with a monotonically increasing 10-digit suffix.</summary>
    PersistentSequential = 2,
    /// <summary>An ephemeral node with a sequence suffix.</summary>
    EphemeralSequential = 3,
    /// <summary>A container: deleted by the server once its last child is gone.</summary>
    Container = 4,
    /// <summary>A persistent node deleted once unmodified and childless for its TTL.</summary>
    PersistentWithTtl = 5,
    /// <summary>A sequential persistent node with a TTL.</summary>
    PersistentSequentialWithTtl = 6,
}

/// <summary>Properties of <see cref="CreateMode"/> values.</summary>
public static class CreateModeExtensions
{
    /// <summary>Maps a wire flag to a mode; false for an unknown flag (ZooKeeper answers BadArguments).</summary>
    public static bool TryFromFlag(int flag, out CreateMode mode)
    {
        mode = (CreateMode)flag;
        return flag is >= 0 and <= 6;
    }

    /// <summary>Whether the node is tied to its session.</summary>
    public static bool IsEphemeral(this CreateMode mode) => mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;

    /// <summary>Whether a sequence suffix is appended.</summary>
    public static bool IsSequential(this CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    /// <summary>Whether the node is a container.</summary>
    public static bool IsContainer(this CreateMode mode) => mode == CreateMode.Container;

    /// <summary>Whether the node has a time to live.</summary>
    public static bool IsTtl(this CreateMode mode) => mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;
}
