namespace ZkNet.Server.DataTree;

public sealed partial class DataTree
{
    /// <summary>
    /// Called with the path and the data bytes of every node created, deleted (0 bytes) or set, where ZooKeeper's
    /// DataTree counts its write_per_namespace figures.
    /// </summary>
    public Action<string, long>? WriteObserved { get; set; }
}
