using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

public sealed partial class ZabLearner
{
    /// <summary>
    /// More of a SNAP's snapshot arrived: the leader is alive even though no packet has completed for a while. A large
    /// snapshot may take longer than initLimit ticks to arrive; ZooKeeper's learner times out per socket read
    /// (soTimeout), not per packet, so progress on the stream counts as hearing from the leader here too.
    /// </summary>
    public void SnapshotProgress(long nowMs)
    {
        if (State == LearnerState.AwaitingSync)
        {
            _lastHeardMs = Math.Max(_lastHeardMs, nowMs);
        }
    }

    /// <summary>
    /// Before NEWLEADER: proposals wait in order; with a snapshot or a truncation each commit is applied in memory
    /// (the snapshot at NEWLEADER makes them durable), with a DIFF the commits wait too, to be applied once the
    /// txns are logged.
    /// </summary>
    private void OnSyncPacket(QuorumPacket packet, ILearnerOutput output)
    {
        switch (packet.Type)
        {
            case QuorumPacketType.Proposal when packet.Data is not null:
                _notCommitted.Add(new ZabTxn(packet.Zxid, packet.Data));
                break;
            case QuorumPacketType.Commit when _snapshotNeeded:
                if (_notCommitted.Count > 0 && _notCommitted[0].Zxid == packet.Zxid)
                {
                    _db.ApplyInMemory(_notCommitted[0]);
                    _notCommitted.RemoveAt(0);
                }
                break;
            case QuorumPacketType.Commit:
                _committedDuringSync.Add(packet.Zxid);
                break;
            case QuorumPacketType.Inform when packet.Data is not null:
                var informed = new ZabTxn(packet.Zxid, packet.Data);
                if (_snapshotNeeded)
                {
                    _db.ApplyInMemory(informed);
                }
                else
                {
                    _notCommitted.Add(informed);
                    _committedDuringSync.Add(packet.Zxid);
                }
                break;
            case QuorumPacketType.NewLeader:
                OnNewLeader(output);
                break;
            default:
                Quit($"unexpected {packet.Type} during synchronisation", output);
                break;
        }
    }

    /// <summary>
    /// NEWLEADER: persist what the sync built (a snapshot when one was loaded or the log truncated; the pending
    /// txns to the log), and only once all of it is durable write currentEpoch and ACK.
    /// </summary>
    private void OnNewLeader(ILearnerOutput output)
    {
        if (_snapshotNeeded)
        {
            _db.PersistSnapshot();
            _lastAppended = _db.LastLoggedZxid;
        }
        foreach (var txn in _notCommitted)
        {
            AppendLogged(txn);
        }
        _notCommitted.Clear();
        State = LearnerState.AwaitingNewLeaderDurable;
        if (_lastAppended <= Math.Max(_durable, _db.LastLoggedZxid))
        {
            AcknowledgeNewLeader(output);
        }
    }

    private void AcknowledgeNewLeader(ILearnerOutput output)
    {
        _db.SetCurrentEpoch(_newEpoch);
        output.Send(new QuorumPacket(QuorumPacketType.Ack, Zxid.Make(_newEpoch, 0)));
        _newLeaderAcked = true;
        State = LearnerState.AwaitingUpToDate;
        SendAcks(output);
    }

    /// <summary>Between NEWLEADER and UPTODATE: new proposals are logged, commits wait for UPTODATE.</summary>
    private void OnAfterNewLeader(QuorumPacket packet, ILearnerOutput output)
    {
        switch (packet.Type)
        {
            case QuorumPacketType.Proposal when packet.Data is not null:
                AppendLogged(new ZabTxn(packet.Zxid, packet.Data));
                break;
            case QuorumPacketType.Commit:
                _committedDuringSync.Add(packet.Zxid);
                break;
            case QuorumPacketType.Inform when packet.Data is not null:
                AppendLogged(new ZabTxn(packet.Zxid, packet.Data));
                _committedDuringSync.Add(packet.Zxid);
                break;
            case QuorumPacketType.UpToDate when State == LearnerState.AwaitingUpToDate:
                output.Send(new QuorumPacket(QuorumPacketType.Ack, Zxid.Make(_newEpoch, 0)));
                State = LearnerState.Broadcasting;
                output.Serving(_newEpoch);
                foreach (var zxid in _committedDuringSync)
                {
                    CommitPending(zxid, output);
                }
                _committedDuringSync.Clear();
                break;
            default:
                Quit($"unexpected {packet.Type} after NEWLEADER", output);
                break;
        }
    }
}
