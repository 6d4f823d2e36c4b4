using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// What an ensemble member's server asks of the replication protocol (ZAB lives in ZkNet.Quorum and ZkNet.Hosting
/// implements this seam). Every call is made on the processor thread, except <see cref="LocalDurable"/>.
/// </summary>
public interface IReplication
{
    /// <summary>
    /// Leader: a txn was proposed (it is already queued for the local log); send it to the followers, with the tree
    /// digest after it when digests are on (a 3.8 leader appends it to the PROPOSAL, and learners log it).
    /// </summary>
    void Propose(TxnHeader header, IJuteRecord body, long? digest);

    /// <summary>
    /// Learner: a request for the leader (a write, a createSession with its 4-byte timeout, a closeSession, a sync),
    /// as ZooKeeper's REQUEST packet carries it.
    /// </summary>
    void Forward(long sessionId, int cxid, int type, byte[] body, IReadOnlyList<Id>? authInfo);

    /// <summary>Learner: asks the leader whether a session a client brings back lives (REVALIDATE).</summary>
    void Revalidate(long sessionId, int timeout);

    /// <summary>The local log is durable up to <paramref name="zxid"/> (called from the sync stage's thread).</summary>
    void LocalDurable(long zxid);

    /// <summary>Leader: everything proposed before a learner's sync has been applied; answer it with SYNC.</summary>
    void SyncReady(long learner);
}
