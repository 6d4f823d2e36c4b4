using System.Buffers.Binary;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

/// <summary>
/// The learner side of ZAB for one leader (ZooKeeper's Learner, Follower and Observer, without threads), sans-IO:
/// packets from the leader, clock ticks and local log durability go in; packets and the outcome come out through
/// <see cref="ILearnerOutput"/>. It differs from ZooKeeper 3.8.0 on purpose in one place, without changing a byte on
/// the wire: at NEWLEADER the txns of the sync are durable before currentEpoch is written and before the ACK leaves
/// (ZOOKEEPER-3911, 4643, 4646). docs/quorum-protocol.md §4.6 and §5. One caller at a time.
/// </summary>
public sealed partial class ZabLearner
{
    private readonly long _myId;
    private readonly bool _observer;
    private readonly IZabDatabase _db;
    private readonly ZabOptions _options;
    private readonly List<ZabTxn> _notCommitted = [];
    private readonly List<long> _committedDuringSync = [];
    private readonly List<ZabTxn> _pending = [];
    private readonly Queue<long> _unacked = new();
    private bool _snapshotNeeded;
    private bool _newLeaderAcked;
    private long _newEpoch;
    private long _lastAppended;
    private long _durable;
    private long _lastHeardMs;

    /// <summary>Creates the learner <paramref name="myId"/> (an observer when <paramref name="observer"/>) over <paramref name="db"/>.</summary>
    public ZabLearner(long myId, bool observer, IZabDatabase db, ZabOptions? options = null)
    {
        _myId = myId;
        _observer = observer;
        _db = db;
        _options = options ?? new ZabOptions();
    }

    /// <summary>Where the learner is.</summary>
    public LearnerState State { get; private set; } = LearnerState.Connecting;

    /// <summary>The epoch being joined (0 until LEADERINFO).</summary>
    public long Epoch => _newEpoch;

    /// <summary>Connected to the leader: introduce ourselves with our accepted epoch.</summary>
    public void Start(long nowMs, ILearnerOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _lastHeardMs = nowMs;
        var info = new LearnerInfo(_myId, LearnerInfo.CurrentProtocolVersion, 0).ToArray();
        output.Send(new QuorumPacket(_observer ? QuorumPacketType.ObserverInfo : QuorumPacketType.FollowerInfo,
            Zxid.Make(_db.AcceptedEpoch, 0), info));
        State = LearnerState.AwaitingLeaderInfo;
    }

    /// <summary>A packet from the leader; <paramref name="snapshot"/> is the snapshot that followed a SNAP, as the database read it.</summary>
    public void Receive(QuorumPacket packet, IReceivedSnapshot? snapshot, long nowMs, ILearnerOutput output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (State == LearnerState.Stopped)
        {
            return;
        }
        _lastHeardMs = nowMs;
        if (packet.Type == QuorumPacketType.Ping)
        {
            // Only a serving learner answers (ZooKeeper's sync loop ignores pings). The reply echoes the zxid and
            // lists the sessions our clients touched (an empty buffer when none).
            if (State == LearnerState.Broadcasting)
            {
                output.Send(new QuorumPacket(QuorumPacketType.Ping, packet.Zxid, output.SessionTouches()));
            }
            return;
        }
        switch (State)
        {
            case LearnerState.AwaitingLeaderInfo when packet.Type == QuorumPacketType.LeaderInfo:
                OnLeaderInfo(packet, output);
                break;
            case LearnerState.AwaitingSync:
                OnSyncStart(packet, snapshot, output);
                break;
            case LearnerState.Syncing:
                OnSyncPacket(packet, output);
                break;
            case LearnerState.AwaitingNewLeaderDurable or LearnerState.AwaitingUpToDate:
                OnAfterNewLeader(packet, output);
                break;
            case LearnerState.Broadcasting:
                OnBroadcast(packet, output);
                break;
            default:
                Quit($"unexpected {packet.Type} while {State}", output);
                break;
        }
    }

    /// <summary>The log is durable up to <paramref name="zxid"/>: acknowledge, and finish a NEWLEADER waiting for it.</summary>
    public void LocalDurable(long zxid, ILearnerOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _durable = Math.Max(_durable, zxid);
        if (State == LearnerState.AwaitingNewLeaderDurable && _durable >= _lastAppended)
        {
            AcknowledgeNewLeader(output);
        }
        SendAcks(output);
    }

    /// <summary>Time passed: a leader silent for initLimit ticks (syncLimit once NEWLEADER is acknowledged) is gone.</summary>
    public void OnTimer(long nowMs, ILearnerOutput output)
    {
        if (State == LearnerState.Stopped)
        {
            return;
        }
        var limit = (_newLeaderAcked ? _options.SyncLimit : _options.InitLimit) * (long)_options.TickTime;
        if (nowMs - _lastHeardMs > limit)
        {
            Quit($"no packet from the leader for {nowMs - _lastHeardMs} ms", output);
        }
    }

    private void OnLeaderInfo(QuorumPacket packet, ILearnerOutput output)
    {
        var epoch = Zxid.EpochOf(packet.Zxid);
        int reply;
        if (epoch > _db.AcceptedEpoch)
        {
            reply = (int)_db.CurrentEpoch;
            _db.SetAcceptedEpoch(epoch);
        }
        else if (epoch == _db.AcceptedEpoch)
        {
            // Already accepted: tell the leader not to count this as a new acknowledgement.
            reply = -1;
        }
        else
        {
            Quit($"Leaders epoch, {epoch}, is less than accepted epoch, {_db.AcceptedEpoch}", output);
            return;
        }
        _newEpoch = epoch;
        var data = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(data, reply);
        output.Send(new QuorumPacket(QuorumPacketType.AckEpoch, _db.LastLoggedZxid, data));
        State = LearnerState.AwaitingSync;
    }

    private void OnSyncStart(QuorumPacket packet, IReceivedSnapshot? snapshot, ILearnerOutput output)
    {
        switch (packet.Type)
        {
            case QuorumPacketType.Diff:
                _snapshotNeeded = false;
                break;
            case QuorumPacketType.Trunc:
                _db.Truncate(packet.Zxid);
                if (_db.LastLoggedZxid != packet.Zxid)
                {
                    // The disk cannot stop exactly there (a snapshot from an earlier sync left a gap below it). Going
                    // on would skip txns; leave, and report the lower zxid next time so the leader sends them.
                    Quit($"cannot truncate to 0x{packet.Zxid:x}: the disk holds a history only up to 0x{_db.LastLoggedZxid:x}", output);
                    return;
                }
                _snapshotNeeded = true;
                break;
            case QuorumPacketType.Snap when snapshot is not null:
                _db.LoadSnapshot(snapshot, packet.Zxid);
                _snapshotNeeded = true;
                break;
            default:
                Quit($"expected DIFF, TRUNC or SNAP, got {packet.Type}", output);
                return;
        }
        _lastAppended = _db.LastLoggedZxid;
        State = LearnerState.Syncing;
    }

    private void Quit(string reason, ILearnerOutput output)
    {
        State = LearnerState.Stopped;
        output.Quit(reason);
    }
}

/// <summary>A learner's steps.</summary>
public enum LearnerState
{
    /// <summary>Not yet introduced.</summary>
    Connecting,

    /// <summary>FOLLOWERINFO sent.</summary>
    AwaitingLeaderInfo,

    /// <summary>ACKEPOCH sent; waiting for DIFF, TRUNC or SNAP.</summary>
    AwaitingSync,

    /// <summary>Receiving the sync until NEWLEADER.</summary>
    Syncing,

    /// <summary>NEWLEADER received; the sync's txns are not all durable yet.</summary>
    AwaitingNewLeaderDurable,

    /// <summary>NEWLEADER acknowledged; waiting for UPTODATE.</summary>
    AwaitingUpToDate,

    /// <summary>Serving: logging proposals, applying commits.</summary>
    Broadcasting,

    /// <summary>Gone back to election.</summary>
    Stopped,
}
