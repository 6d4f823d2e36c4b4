namespace ZkNet.Persistence.Snapshots;

/// <summary>
/// The digest trailer ZooKeeper 3.6+ appends after a snapshot's seal (DataTree.ZxidDigest): the last processed
/// zxid when serialization ended and the tree digest at that zxid. Zxid 0 means "no digest" (written before any
/// txn was applied).
/// </summary>
/// <param name="Zxid">The zxid the digest belongs to.</param>
/// <param name="Version">The digest algorithm version (2 in 3.6 to 3.9).</param>
/// <param name="Digest">The tree digest.</param>
public readonly record struct SnapshotDigest(long Zxid, int Version, long Digest)
{
    /// <summary>The digest algorithm version ZooKeeper's DigestCalculator implements.</summary>
    public const int CurrentVersion = 2;
}
