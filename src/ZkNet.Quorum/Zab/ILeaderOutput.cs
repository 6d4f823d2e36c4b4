using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

/// <summary>What <see cref="ZabLeader"/> asks of its host.</summary>
public interface ILeaderOutput
{
    /// <summary>
    /// Queues a packet to a learner's connection; a snapshot, when given, is written raw on the stream right behind
    /// it (serialized as it is written), and whatever is queued after it waits for it.
    /// </summary>
    void Send(long handle, QuorumPacket packet, IZabSnapshot? snapshot = null);

    /// <summary>Closes a learner's connection.</summary>
    void Close(long handle, string reason);

    /// <summary>The epoch is established: the leader serves, proposing from (epoch &lt;&lt; 32) + 1.</summary>
    void Established(long epoch);

    /// <summary>A txn is committed: apply it.</summary>
    void Committed(ZabTxn txn);

    /// <summary>
    /// A learner forwarded a client request (REQUEST), a session revalidation (REVALIDATE) or a ping reply with its
    /// session touches (PING): the host's server handles them.
    /// </summary>
    void Forwarded(long handle, long sid, QuorumPacket packet);

    /// <summary>Leadership is over (no quorum, a timeout); the member goes back to election.</summary>
    void StepDown(string reason);
}
