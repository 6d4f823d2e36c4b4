using ZkNet.Persistence.Snapshots;

namespace ZkNet.Cli.Output;

/// <summary>What <c>zknet snapshot dump</c> prints after the nodes.</summary>
/// <param name="NodeCount">The znodes in the file (the root counted once).</param>
/// <param name="Sessions">Each session's id, timeout and how many ephemerals it owns in this snapshot.</param>
/// <param name="AclCacheSize">Entries in the ACL cache.</param>
/// <param name="Digest">The digest trailer, when the snapshot has one.</param>
/// <param name="LastZxid">The larger of the name's zxid and every node's mzxid and pzxid: SnapshotFormatter's "Last zxid".</param>
internal sealed record SnapshotDumpTotals(
    long NodeCount,
    IReadOnlyList<(long Id, int Timeout, int Ephemerals)> Sessions,
    int AclCacheSize,
    SnapshotDigest? Digest,
    long LastZxid);
