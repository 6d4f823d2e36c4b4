namespace ZkNet.TestSupport;

/// <summary>Which implementation a differential test runs against.</summary>
public enum ServerKind
{
    /// <summary>ZkNet, started as the shipped zknet executable.</summary>
    ZkNet,
    /// <summary>Apache ZooKeeper 3.8 from the Debian package.</summary>
    ApacheZooKeeper,
}
