using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

public sealed partial class ZabLeader
{
    /// <summary>
    /// Queues a learner's sync (DIFF, TRUNC or SNAP, then the committed txns it lacks as PROPOSAL + COMMIT), starts
    /// forwarding to it (the proposals still in flight, then every new one), and queues NEWLEADER.
    /// </summary>
    private void Synchronize(LearnerHandler handler, ILeaderOutput output)
    {
        var plan = SyncPlanner.Plan(handler.LastZxid, _committed, _lastCommitted);
        IEnumerable<ZabTxn> txns = plan.Txns;
        switch (plan.Mode)
        {
            case SyncMode.Diff:
                output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Diff, plan.Zxid));
                break;
            case SyncMode.Trunc:
                output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Trunc, plan.Zxid));
                break;
            default:
                var snapshot = _db.Snapshot();
                output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Snap, snapshot.Zxid), snapshot);
                // Whatever was committed after the snapshot's zxid follows it.
                txns = _committed.Where(t => t.Zxid > snapshot.Zxid);
                break;
        }
        foreach (var txn in txns)
        {
            output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Proposal, txn.Zxid, txn.Data));
            output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Commit, txn.Zxid));
        }
        if (!handler.IsObserver)
        {
            foreach (var pending in _outstanding)
            {
                output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Proposal, pending.Txn.Zxid, pending.Txn.Data));
            }
        }
        handler.Forwarding = true;
        PublishView();
        output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.NewLeader, Zxid.Make(_proposedEpoch, 0), _configText));
        handler.Phase = LearnerPhase.AwaitingNewLeaderAck;
    }

    /// <summary>
    /// ZooKeeper's waitForNewLeaderAck: a participant's ACK of the NEWLEADER zxid counts; with a quorum (the leader
    /// counts itself) the epoch is established and every learner waiting gets UPTODATE.
    /// </summary>
    private void OnNewLeaderAck(LearnerHandler handler, QuorumPacket packet, long nowMs, ILeaderOutput output)
    {
        if (packet.Zxid != Zxid.Make(_proposedEpoch, 0))
        {
            // An ACK of a proposal overtook the NEWLEADER ACK (a learner other than ZkNet's may do that): count it
            // as such and keep waiting.
            OnAck(handler, packet.Zxid, output);
            return;
        }
        if (!handler.IsObserver)
        {
            _newLeaderAcked.Add(handler.Sid);
        }
        handler.Phase = LearnerPhase.AwaitingEstablishment;
        handler.Deadline = Tick(nowMs) + _options.SyncLimit;
        if (Phase == LeaderPhase.Broadcast)
        {
            SendUpToDate(handler, output);
            return;
        }
        TryEstablish(output);
    }

    private void TryEstablish(ILeaderOutput output)
    {
        if (Phase != LeaderPhase.Synchronization || !_config.ContainsQuorum(_newLeaderAcked))
        {
            return;
        }
        Phase = LeaderPhase.Broadcast;
        output.Established(_proposedEpoch);
        foreach (var waiting in _handlers.Values.Where(h => h.Phase == LearnerPhase.AwaitingEstablishment))
        {
            SendUpToDate(waiting, output);
        }
    }

    private static void SendUpToDate(LearnerHandler handler, ILeaderOutput output)
    {
        output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.UpToDate, -1));
        handler.Phase = LearnerPhase.Broadcasting;
    }
}
