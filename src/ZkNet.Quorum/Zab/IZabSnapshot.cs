namespace ZkNet.Quorum.Zab;

/// <summary>
/// The snapshot a leader sends behind SNAP: its zxid is fixed when the database hands it out, its bytes are produced
/// only when the learner's sender reaches it, straight onto that learner's stream, so the leader never holds a copy of
/// its serialized tree (ZooKeeper's LearnerHandler serializes onto the socket the same way).
/// </summary>
public interface IZabSnapshot
{
    /// <summary>The last zxid the snapshot reflects; the txns after it follow it on the stream.</summary>
    long Zxid { get; }

    /// <summary>
    /// Writes the snapshot as it follows SNAP on the wire (sessions, ACL cache, nodes, the "/" marker and the
    /// "BenWasHere" signature) to <paramref name="stream"/> in buffered pieces, serializing off the caller's thread,
    /// and completes once the last byte was written. Faults when the stream fails (closing it stops the write) or
    /// the snapshot cannot be made; it is then of no further use.
    /// </summary>
    Task WriteToAsync(Stream stream, CancellationToken cancellationToken);
}
