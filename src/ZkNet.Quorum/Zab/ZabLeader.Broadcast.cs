using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

public sealed partial class ZabLeader
{
    private readonly List<ZabTxn> _committed = [];
    private readonly List<Outstanding> _outstanding = [];
    private long _lastProposed;
    private long _lastCommitted;
    private long _localDurable;

    /// <summary>The last zxid proposed.</summary>
    public long LastProposed => _lastProposed;

    /// <summary>The last zxid committed.</summary>
    public long LastCommitted => _lastCommitted;

    /// <summary>Number of proposals waiting for a quorum.</summary>
    public int OutstandingCount => _outstanding.Count;

    /// <summary>
    /// Proposes a txn at the next zxid: PROPOSAL to every follower being forwarded to (observers get it as INFORM
    /// once committed). The host appends it to the leader's own log and reports durability with
    /// <see cref="LocalDurable"/>: the leader's disk counts like any follower's. False (and the leader steps down)
    /// when the epoch's counter is spent: a new election starts a new epoch (ZOOKEEPER-1277); false too once the
    /// leader has stopped.
    /// </summary>
    public bool Propose(ZabTxn txn, ILeaderOutput output)
    {
        ArgumentNullException.ThrowIfNull(txn);
        if (Phase == LeaderPhase.Stopped)
        {
            // A client's write that reached the server just as the leader stepped down: it is not proposed, and its
            // client sees the connection close when the member leaves the role (ZooKeeper never answers it either).
            return false;
        }
        if (Phase != LeaderPhase.Broadcast)
        {
            throw new InvalidOperationException($"cannot propose while {Phase}");
        }
        if (txn.Zxid != _lastProposed + 1)
        {
            throw new InvalidOperationException($"proposal 0x{txn.Zxid:x} does not follow 0x{_lastProposed:x}");
        }
        if (Zxid.CounterOf(txn.Zxid) == 0xFFFF_FFFFL)
        {
            StepDown("zxid lower 32 bits have rolled over, forcing re-election", output);
            return false;
        }
        _lastProposed = txn.Zxid;
        RecordProposalSize(txn.Data.Length);
        var outstanding = new Outstanding(txn);
        _outstanding.Add(outstanding);
        foreach (var handler in _handlers.Values.Where(h => h.Forwarding && !h.IsObserver))
        {
            output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Proposal, txn.Zxid, txn.Data));
        }
        return true;
    }

    /// <summary>The leader's own log is durable up to <paramref name="zxid"/>: its ack for every proposal up to it.</summary>
    public void LocalDurable(long zxid, ILeaderOutput output)
    {
        _localDurable = Math.Max(_localDurable, zxid);
        foreach (var outstanding in _outstanding.Where(o => o.Txn.Zxid <= _localDurable))
        {
            outstanding.Acks.Add(_myId);
        }
        TryCommit(output);
    }

    /// <summary>
    /// ZooKeeper's processAck: acks for NEWLEADER-style zxids (counter 0), for what is already committed, or for
    /// unknown proposals are ignored; observers never count.
    /// </summary>
    private void OnAck(LearnerHandler handler, long zxid, ILeaderOutput output)
    {
        if (handler.IsObserver || Zxid.IsNewEpoch(zxid) || zxid <= _lastCommitted)
        {
            return;
        }
        var outstanding = _outstanding.Find(o => o.Txn.Zxid == zxid);
        if (outstanding is null)
        {
            return;
        }
        outstanding.Acks.Add(handler.Sid);
        TryCommit(output);
    }

    /// <summary>Commits, strictly in zxid order, every proposal at the head that a quorum has logged.</summary>
    private void TryCommit(ILeaderOutput output)
    {
        while (Phase == LeaderPhase.Broadcast && _outstanding.Count > 0 && _config.ContainsQuorum(_outstanding[0].Acks))
        {
            var txn = _outstanding[0].Txn;
            _outstanding.RemoveAt(0);
            _lastCommitted = txn.Zxid;
            _committed.Add(txn);
            if (_committed.Count > _options.CommitLogCount)
            {
                _committed.RemoveAt(0);
            }
            foreach (var handler in _handlers.Values.Where(h => h.Forwarding))
            {
                output.Send(handler.Handle, handler.IsObserver
                    ? new QuorumPacket(QuorumPacketType.Inform, txn.Zxid, txn.Data)
                    : new QuorumPacket(QuorumPacketType.Commit, txn.Zxid));
            }
            output.Committed(txn);
        }
    }

    private sealed class Outstanding(ZabTxn txn)
    {
        public ZabTxn Txn { get; } = txn;

        public HashSet<long> Acks { get; } = [];
    }
}
