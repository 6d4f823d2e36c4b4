namespace ZkNet.Ensemble.Tests.Clients;

/// <summary>The real ZooKeeper clients from Debian packages that the ensemble tests drive as processes.</summary>
public enum RealClient
{
    /// <summary>Apache ZooKeeper's Java client (org.apache.zookeeper.ZooKeeper).</summary>
    Java,

    /// <summary>Apache Curator's CuratorFramework, with its own retries and connection states.</summary>
    Curator,

    /// <summary>The C client (libzookeeper-mt) through its cli_mt shell.</summary>
    C,

    /// <summary>kazoo, the Python client.</summary>
    Kazoo,
}
