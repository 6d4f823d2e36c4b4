namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// How a snapshot file is compressed, as zookeeper.snapshot.compression.method names it and as the file name's
/// extension records it (snapshot.&lt;zxid&gt;, snapshot.&lt;zxid&gt;.gz, snapshot.&lt;zxid&gt;.snappy). The Adler-32
/// seal is computed over the uncompressed bytes in every case.
/// </summary>
public enum SnapshotCompression
{
    /// <summary>Plain ("" in ZooKeeper's setting, the default).</summary>
    None,
    /// <summary>gzip ("gz").</summary>
    Gzip,
    /// <summary>snappy-java's stream format ("snappy").</summary>
    Snappy,
}
