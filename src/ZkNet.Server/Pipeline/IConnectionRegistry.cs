namespace ZkNet.Server.Pipeline;

/// <summary>The transport's list of open connections, for the four-letter words that list or reset them.</summary>
public interface IConnectionRegistry
{
    /// <summary>A snapshot of the open connections.</summary>
    IReadOnlyList<ServerCnxn> Snapshot();
}
