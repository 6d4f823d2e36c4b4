using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

public sealed partial class ZabLearner
{
    /// <summary>Serving: log each proposal (ACK once durable), apply each commit, which must be the oldest pending txn.</summary>
    private void OnBroadcast(QuorumPacket packet, ILearnerOutput output)
    {
        switch (packet.Type)
        {
            case QuorumPacketType.Proposal when packet.Data is not null:
                AppendLogged(new ZabTxn(packet.Zxid, packet.Data));
                break;
            case QuorumPacketType.Commit:
                CommitPending(packet.Zxid, output);
                break;
            case QuorumPacketType.Inform when packet.Data is not null:
                AppendLogged(new ZabTxn(packet.Zxid, packet.Data));
                CommitPending(packet.Zxid, output);
                break;
            case QuorumPacketType.Sync or QuorumPacketType.Revalidate:
                // Answers to forwarded requests: the host's concern.
                break;
            default:
                Quit($"unexpected {packet.Type} while broadcasting", output);
                break;
        }
    }

    /// <summary>Logs a txn the leader proposed (or informed); a follower acknowledges it once durable.</summary>
    private void AppendLogged(ZabTxn txn)
    {
        if (txn.Zxid <= _lastAppended)
        {
            // Already in our log (a proposal re-sent while forwarding began): keep the one we have.
            return;
        }
        _db.Append(txn);
        _lastAppended = txn.Zxid;
        _pending.Add(txn);
        if (!_observer)
        {
            _unacked.Enqueue(txn.Zxid);
        }
    }

    /// <summary>
    /// A COMMIT must name the oldest txn waiting for one; anything else means our log and the leader's disagree, and
    /// the member leaves to resynchronise (ZooKeeper exits the process).
    /// </summary>
    private void CommitPending(long zxid, ILearnerOutput output)
    {
        if (_pending.Count == 0)
        {
            return;
        }
        if (_pending[0].Zxid != zxid)
        {
            Quit($"Committing zxid 0x{zxid:x} but next pending txn 0x{_pending[0].Zxid:x}", output);
            return;
        }
        _pending.RemoveAt(0);
        _db.Commit(zxid);
    }

    /// <summary>One ACK per durable txn, in order, and only once NEWLEADER has been acknowledged.</summary>
    private void SendAcks(ILearnerOutput output)
    {
        if (!_newLeaderAcked)
        {
            return;
        }
        while (_unacked.TryPeek(out var zxid) && zxid <= _durable)
        {
            _unacked.Dequeue();
            output.Send(new QuorumPacket(QuorumPacketType.Ack, zxid));
        }
    }
}
