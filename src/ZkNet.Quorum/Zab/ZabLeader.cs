using System.Buffers.Binary;
using System.Text;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Quorum.Zab;

/// <summary>
/// The leader side of ZAB for one epoch, as a sans-IO state machine (ZooKeeper's Leader and its LearnerHandlers,
/// without threads): learner packets, clock ticks, proposals and local log durability go in; packets, commits and
/// the outcome come out through <see cref="ILeaderOutput"/>. Discovery fixes a new epoch with a quorum, each
/// learner is synchronised by DIFF, TRUNC or SNAP, and once a quorum has acknowledged NEWLEADER the epoch is
/// established and broadcast begins. docs/quorum-protocol.md §4-5 has the rules. One caller at a time.
/// </summary>
public sealed partial class ZabLeader
{
    private readonly long _myId;
    private readonly QuorumVerifier _config;
    private readonly IZabDatabase _db;
    private readonly ZabOptions _options;
    private readonly byte[] _configText;
    private readonly Dictionary<long, LearnerHandler> _handlers = [];
    private readonly HashSet<long> _connecting = [];
    private readonly HashSet<long> _epochAcked = [];
    private readonly HashSet<long> _newLeaderAcked = [];
    private long _startMs;
    private long _phaseStartTick;
    private long _proposedEpoch = -1;
    private long _lastPing;

    /// <summary>Creates the leader <paramref name="myId"/> over <paramref name="db"/>.</summary>
    public ZabLeader(long myId, QuorumVerifier config, IZabDatabase db, ZabOptions? options = null)
    {
        _myId = myId;
        _config = config;
        _db = db;
        _options = options ?? new ZabOptions();
        _configText = Encoding.ASCII.GetBytes(config.ToConfigText());
    }

    /// <summary>Where the leader is.</summary>
    public LeaderPhase Phase { get; private set; } = LeaderPhase.Discovery;

    /// <summary>The epoch being established or led (-1 until discovery fixes it).</summary>
    public long Epoch => Phase == LeaderPhase.Discovery ? -1 : _proposedEpoch;

    private long Tick(long nowMs) => (nowMs - _startMs) / _options.TickTime;

    /// <summary>Starts leading: the leader's own accepted epoch is the first proposal for the new one.</summary>
    public void Start(long nowMs, ILeaderOutput output)
    {
        _startMs = nowMs;
        _lastPing = nowMs;
        _phaseStartTick = 0;
        _committed.AddRange(_db.RecentCommitted(_options.CommitLogCount));
        _lastCommitted = _db.LastProcessedZxid;
        OfferEpoch(_myId, _db.AcceptedEpoch, nowMs, output);
    }

    /// <summary>A learner connected.</summary>
    public void LearnerConnected(long handle, long nowMs)
    {
        _handlers[handle] = new LearnerHandler(handle) { Deadline = Tick(nowMs) + _options.InitLimit + _options.SyncLimit };
        PublishView();
    }

    /// <summary>A learner's connection closed.</summary>
    public void LearnerClosed(long handle)
    {
        _handlers.Remove(handle);
        PublishView();
    }

    /// <summary>A packet from a learner.</summary>
    public void Receive(long handle, QuorumPacket packet, long nowMs, ILeaderOutput output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (Phase == LeaderPhase.Stopped || !_handlers.TryGetValue(handle, out var handler))
        {
            return;
        }
        handler.Deadline = Tick(nowMs) + _options.SyncLimit;
        switch (handler.Phase, packet.Type)
        {
            case (LearnerPhase.AwaitingInfo, QuorumPacketType.FollowerInfo or QuorumPacketType.ObserverInfo):
                OnLearnerInfo(handler, packet, nowMs, output);
                break;
            case (LearnerPhase.AwaitingEpochAck, QuorumPacketType.AckEpoch):
                OnAckEpoch(handler, packet, nowMs, output);
                break;
            case (LearnerPhase.AwaitingNewLeaderAck, QuorumPacketType.Ack):
                OnNewLeaderAck(handler, packet, nowMs, output);
                break;
            case (LearnerPhase.AwaitingEstablishment or LearnerPhase.Broadcasting, QuorumPacketType.Ack):
                OnAck(handler, packet.Zxid, output);
                break;
            case (LearnerPhase.AwaitingNewLeaderAck or LearnerPhase.AwaitingEstablishment or LearnerPhase.Broadcasting, QuorumPacketType.Ping):
            case (LearnerPhase.Broadcasting, QuorumPacketType.Request or QuorumPacketType.Revalidate):
                // Session touches ride on ping replies; requests and revalidations are the server's business.
                output.Forwarded(handle, handler.Sid, packet);
                break;
            default:
                output.Close(handle, $"unexpected {packet.Type} while {handler.Phase}");
                _handlers.Remove(handle);
                break;
        }
    }

    /// <summary>
    /// Time passed: pings every half tick; once a tick, a leader that does not hear from a quorum (itself
    /// included) within syncLimit ticks, or does not establish its epoch within initLimit ticks, steps down.
    /// </summary>
    public void OnTimer(long nowMs, ILeaderOutput output)
    {
        if (Phase == LeaderPhase.Stopped)
        {
            return;
        }
        var tick = Tick(nowMs);
        if (Phase != LeaderPhase.Broadcast && tick > _phaseStartTick + _options.InitLimit)
        {
            StepDown($"timed out in {Phase} after {_options.InitLimit} ticks", output);
            return;
        }
        if (nowMs - _lastPing < _options.TickTime / 2)
        {
            return;
        }
        _lastPing = nowMs;
        PublishView();
        foreach (var handler in _handlers.Values.Where(h => h.Phase is LearnerPhase.AwaitingEstablishment or LearnerPhase.Broadcasting or LearnerPhase.AwaitingNewLeaderAck))
        {
            output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.Ping, _lastProposed));
        }
        if (Phase == LeaderPhase.Broadcast)
        {
            var synced = _handlers.Values.Where(h => h.Forwarding && !h.IsObserver && h.Deadline >= tick).Select(h => h.Sid).Append(_myId);
            if (!_config.ContainsQuorum(synced))
            {
                StepDown("Not sufficient followers synced, only synced with sids: " + string.Join(",", synced), output);
            }
        }
    }

    private void OnLearnerInfo(LearnerHandler handler, QuorumPacket packet, long nowMs, ILeaderOutput output)
    {
        if (LearnerInfo.TryRead(packet.Data) is not { } info || info.ProtocolVersion < LearnerInfo.CurrentProtocolVersion)
        {
            Refuse(handler, "learner info missing or older than ZAB 1.0", output);
            return;
        }
        if (info.ConfigVersion > _config.Version)
        {
            Refuse(handler, "Follower is ahead of the leader (config version)", output);
            return;
        }
        handler.Sid = info.ServerId;
        handler.IsObserver = packet.Type == QuorumPacketType.ObserverInfo || !_config.Voters.Contains(info.ServerId);
        handler.Phase = LearnerPhase.AwaitingEpoch;
        OfferEpoch(handler.IsObserver ? -1 : handler.Sid, Zxid.EpochOf(packet.Zxid), nowMs, output);
        if (Phase != LeaderPhase.Discovery && handler.Phase == LearnerPhase.AwaitingEpoch)
        {
            // The epoch was fixed before this learner arrived: it gets it at once.
            SendLeaderInfo(handler, output);
        }
    }

    /// <summary>
    /// ZooKeeper's getEpochToPropose: the new epoch is one more than every accepted epoch seen; it is fixed (and the
    /// leader's acceptedEpoch written) once the participants seen, the leader among them, are a quorum.
    /// </summary>
    private void OfferEpoch(long sid, long acceptedEpoch, long nowMs, ILeaderOutput output)
    {
        if (Phase != LeaderPhase.Discovery)
        {
            return;
        }
        if (acceptedEpoch >= _proposedEpoch)
        {
            _proposedEpoch = acceptedEpoch + 1;
        }
        if (sid >= 0)
        {
            _connecting.Add(sid);
        }
        if (!_connecting.Contains(_myId) || !_config.ContainsQuorum(_connecting))
        {
            return;
        }
        _db.SetAcceptedEpoch(_proposedEpoch);
        Phase = LeaderPhase.EpochAcks;
        _phaseStartTick = Tick(nowMs);
        // The leader's own ACKEPOCH: it never refuses itself.
        _epochAcked.Add(_myId);
        foreach (var waiting in _handlers.Values.Where(h => h.Phase == LearnerPhase.AwaitingEpoch))
        {
            SendLeaderInfo(waiting, output);
        }
        AdvanceOnEpochQuorum(nowMs, output);
    }

    private void SendLeaderInfo(LearnerHandler handler, ILeaderOutput output)
    {
        var version = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(version, LearnerInfo.CurrentProtocolVersion);
        output.Send(handler.Handle, new QuorumPacket(QuorumPacketType.LeaderInfo, Zxid.Make(_proposedEpoch, 0), version));
        handler.Phase = LearnerPhase.AwaitingEpochAck;
    }

    /// <summary>
    /// ZooKeeper's waitForEpochAck: a learner more recent than the leader is refused; a participant's ack counts
    /// unless it says -1 (it had already accepted this epoch). With a quorum, the leader writes currentEpoch and
    /// every learner that acknowledged is synchronised.
    /// </summary>
    private void OnAckEpoch(LearnerHandler handler, QuorumPacket packet, long nowMs, ILeaderOutput output)
    {
        var learnerEpoch = packet.Data is { Length: >= 4 } data ? BinaryPrimitives.ReadInt32BigEndian(data) : -1;
        handler.LastZxid = packet.Zxid;
        if (learnerEpoch != -1)
        {
            var ahead = learnerEpoch > _db.CurrentEpoch || (learnerEpoch == _db.CurrentEpoch && packet.Zxid > _db.LastLoggedZxid);
            if (ahead)
            {
                Refuse(handler, "Follower is ahead of the leader", output);
                return;
            }
            if (!handler.IsObserver && packet.Zxid != -1)
            {
                _epochAcked.Add(handler.Sid);
            }
        }
        handler.Phase = LearnerPhase.AwaitingEpochQuorum;
        AdvanceOnEpochQuorum(nowMs, output);
    }

    /// <summary>
    /// Once a quorum has acknowledged the epoch (the leader alone, in an ensemble of one), currentEpoch is written,
    /// every learner waiting is synchronised, and the epoch is established if NEWLEADER has its quorum too.
    /// </summary>
    private void AdvanceOnEpochQuorum(long nowMs, ILeaderOutput output)
    {
        if (Phase == LeaderPhase.EpochAcks && _config.ContainsQuorum(_epochAcked))
        {
            _db.SetCurrentEpoch(_proposedEpoch);
            Phase = LeaderPhase.Synchronization;
            _phaseStartTick = Tick(nowMs);
            _lastProposed = Zxid.Make(_proposedEpoch, _options.EpochCounterStart);
            // The leader acknowledges its own NEWLEADER: its history is on its disk already.
            _newLeaderAcked.Add(_myId);
        }
        if (Phase != LeaderPhase.EpochAcks)
        {
            foreach (var ready in _handlers.Values.Where(h => h.Phase == LearnerPhase.AwaitingEpochQuorum))
            {
                Synchronize(ready, output);
            }
            TryEstablish(output);
        }
    }

    private void Refuse(LearnerHandler handler, string reason, ILeaderOutput output)
    {
        output.Close(handler.Handle, reason);
        _handlers.Remove(handler.Handle);
    }

    private void StepDown(string reason, ILeaderOutput output)
    {
        Phase = LeaderPhase.Stopped;
        foreach (var handler in _handlers.Values)
        {
            output.Close(handler.Handle, "leader stepping down");
        }
        _handlers.Clear();
        output.StepDown(reason);
    }
}

/// <summary>The leader's phases.</summary>
public enum LeaderPhase
{
    /// <summary>Collecting accepted epochs from a quorum.</summary>
    Discovery,

    /// <summary>The new epoch is fixed; waiting for a quorum of ACKEPOCH.</summary>
    EpochAcks,

    /// <summary>Learners are being synchronised; waiting for a quorum of NEWLEADER acks.</summary>
    Synchronization,

    /// <summary>Established: proposing and committing.</summary>
    Broadcast,

    /// <summary>Stepped down.</summary>
    Stopped,
}
