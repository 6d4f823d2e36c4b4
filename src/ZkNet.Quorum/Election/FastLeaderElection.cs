using System.Text;
using ZkNet.Quorum.Configuration;

namespace ZkNet.Quorum.Election;

/// <summary>
/// ZooKeeper's fast leader election as a sans-IO state machine: notifications, clock ticks and round starts go in;
/// notifications to send and the decision come out through <see cref="IElectionOutput"/>. It holds both of
/// ZooKeeper's threads: the receiver, which answers other members in every state, and the election loop
/// (lookForLeader), which runs while LOOKING. Not thread-safe: one caller at a time. The rules, with their
/// sources, are in docs/quorum-protocol.md §2.
/// </summary>
public sealed class FastLeaderElection
{
    private readonly long _myId;
    private readonly QuorumVerifier _config;
    private readonly ElectionOptions _options;
    private readonly byte[] _configText;
    private readonly Dictionary<long, Vote> _recvset = [];
    private readonly Dictionary<long, Vote> _outOfElection = [];
    private readonly Queue<Notification> _toSelf = new();
    private readonly Dictionary<long, Notification> _beforeRound = [];
    private bool _started;
    private long _proposedLeader;
    private long _proposedZxid;
    private long _proposedEpoch;
    private long _lastLoggedZxid;
    private long _currentEpoch;
    private int _notTimeoutMs;
    private long? _pollDue;
    private long? _finalizeDue;

    /// <summary>Creates the election of member <paramref name="myId"/> in <paramref name="config"/>.</summary>
    public FastLeaderElection(long myId, QuorumVerifier config, ElectionOptions? options = null)
    {
        _myId = myId;
        _config = config;
        _options = options ?? new ElectionOptions();
        _configText = Encoding.ASCII.GetBytes(config.ToConfigText());
        CurrentVote = new Vote(myId, 0, 0, 0);
    }

    /// <summary>This member's state.</summary>
    public ServerState State { get; private set; } = ServerState.Looking;

    /// <summary>The round number (ZooKeeper's logicalclock).</summary>
    public long LogicalClock { get; private set; }

    /// <summary>The outcome of the last round (meaningful once it ended).</summary>
    public Vote CurrentVote { get; private set; }

    /// <summary>The vote this member proposes in the current round.</summary>
    public Vote Proposal => new(_proposedLeader, _proposedZxid, LogicalClock, _proposedEpoch);

    /// <summary>When <see cref="OnTimer"/> should next be called (milliseconds on the caller's clock), or null.</summary>
    public long? TimerDue => State == ServerState.Looking ? _finalizeDue ?? _pollDue : null;

    private bool IsParticipant => _config.Voters.Contains(_myId);

    /// <summary>
    /// Starts a round (ZooKeeper's lookForLeader): the logical clock advances, this member proposes itself (an
    /// observer proposes nobody) with its last logged zxid and current epoch, and tells every voter.
    /// </summary>
    public void StartLooking(long lastLoggedZxid, long currentEpoch, long nowMs, IElectionOutput output)
    {
        State = ServerState.Looking;
        LogicalClock++;
        _lastLoggedZxid = lastLoggedZxid;
        _currentEpoch = currentEpoch;
        _recvset.Clear();
        _outOfElection.Clear();
        _finalizeDue = null;
        (_proposedLeader, _proposedZxid, _proposedEpoch) = InitialVote();
        _notTimeoutMs = _options.MinNotificationIntervalMs;
        _pollDue = nowMs + _notTimeoutMs;
        SendNotifications(output);
        DrainSelf(nowMs, output);
        if (!_started)
        {
            _started = true;
            foreach (var (sid, early) in _beforeRound)
            {
                Receive(sid, early, nowMs, output);
            }
            _beforeRound.Clear();
        }
    }

    /// <summary>A notification from member <paramref name="fromSid"/> (ZooKeeper's receiver, then the loop).</summary>
    public void Receive(long fromSid, Notification notification, long nowMs, IElectionOutput output)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(output);
        if (fromSid == _myId)
        {
            return;
        }
        if (!_started)
        {
            // The member is still loading its database (the election port opens first) or between a role and the
            // next round: it does not know its last zxid and epoch yet, and a vote cast now could elect a member that
            // lacks txns this one has. ZooKeeper starts its election only after loadDataBase; notifications that
            // arrive earlier wait for the round, the latest from each member, as in its receive queue.
            _beforeRound[fromSid] = notification;
            return;
        }
        if (!_config.Voters.Contains(fromSid))
        {
            // An observer or a member we do not know: answer at once with what we think; never count it.
            output.Send(fromSid, Notify(State == ServerState.Looking ? Proposal : CurrentVote, State, LogicalClock));
            return;
        }
        if (State == ServerState.Looking)
        {
            var behind = notification.State == ServerState.Looking && notification.ElectionEpoch < LogicalClock;
            Process(fromSid, notification, nowMs, output);
            if (behind && State == ServerState.Looking)
            {
                // A voter in an older round: tell it where we are so it catches up.
                output.Send(fromSid, Notify(Proposal, ServerState.Looking, LogicalClock));
            }
        }
        else if (notification.State == ServerState.Looking)
        {
            // We know the leader: a looking voter learns it from us (with the round that elected it).
            output.Send(fromSid, Notify(CurrentVote, State, CurrentVote.ElectionEpoch));
        }
        DrainSelf(nowMs, output);
    }

    /// <summary>Time passed: end a finished round, or re-send notifications after a quiet wait (doubling it).</summary>
    public void OnTimer(long nowMs, IElectionOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (State != ServerState.Looking)
        {
            return;
        }
        if (_finalizeDue is { } finalize)
        {
            if (nowMs >= finalize)
            {
                // No better vote within finalizeWait: the round ends on our proposal.
                Decide(_proposedLeader, _proposedZxid, LogicalClock, _proposedEpoch, output);
            }
            return;
        }
        if (_pollDue is { } poll && nowMs >= poll)
        {
            SendNotifications(output);
            _notTimeoutMs = Math.Min(_notTimeoutMs * 2, _options.MaxNotificationIntervalMs);
            _pollDue = nowMs + _notTimeoutMs;
            DrainSelf(nowMs, output);
        }
    }

    /// <summary>
    /// The member's role ended (it lost its leader or its quorum): it is LOOKING from now on, as ZooKeeper sets the
    /// peer state before the next lookForLeader, so it no longer tells other members about the leader it had.
    /// Notifications that arrive before that round starts wait for it (the latest from each member), so a member that
    /// began looking a moment earlier is heard in the new round instead of at its next re-send, 200 ms or more later.
    /// </summary>
    public void EndRole()
    {
        if (State == ServerState.Looking)
        {
            return;
        }
        State = ServerState.Looking;
        _started = false;
        _finalizeDue = null;
        _pollDue = null;
    }

    /// <summary>
    /// The established epoch replaces the one voted for, once a leader has its NEWLEADER quorum or a learner is
    /// up to date (ZOOKEEPER-1732), so every member reports the same vote to newcomers.
    /// </summary>
    public void UpdatePeerEpoch(long epoch) => CurrentVote = CurrentVote with { PeerEpoch = epoch };

    private (long Leader, long Zxid, long Epoch) InitialVote() =>
        IsParticipant ? (_myId, _lastLoggedZxid, _currentEpoch) : (long.MinValue, long.MinValue, long.MinValue);

    private void Process(long fromSid, Notification n, long nowMs, IElectionOutput output)
    {
        if (_finalizeDue is not null)
        {
            // Finalizing: only a better vote reopens the round; anything else is dropped, as ZooKeeper drops it.
            if (!Beats(n.Leader, n.Zxid, n.PeerEpoch, _proposedLeader, _proposedZxid, _proposedEpoch))
            {
                return;
            }
            _finalizeDue = null;
        }
        _pollDue = nowMs + _notTimeoutMs;
        if (!_config.Voters.Contains(n.Leader))
        {
            return;
        }
        switch (n.State)
        {
            case ServerState.Looking:
                ProcessLooking(fromSid, n, nowMs, output);
                break;
            case ServerState.Following:
            case ServerState.Leading:
                ProcessEstablished(fromSid, n, output);
                break;
            default:
                break;
        }
    }

    private void ProcessLooking(long fromSid, Notification n, long nowMs, IElectionOutput output)
    {
        // A member whose database did not load (-1) takes no part; neither does a vote for such a member.
        if (_lastLoggedZxid == -1 || n.Zxid == -1)
        {
            return;
        }
        if (n.ElectionEpoch > LogicalClock)
        {
            LogicalClock = n.ElectionEpoch;
            _recvset.Clear();
            var (id, zxid, epoch) = InitialVote();
            (_proposedLeader, _proposedZxid, _proposedEpoch) = Beats(n.Leader, n.Zxid, n.PeerEpoch, id, zxid, epoch)
                ? (n.Leader, n.Zxid, n.PeerEpoch)
                : (id, zxid, epoch);
            SendNotifications(output);
        }
        else if (n.ElectionEpoch < LogicalClock)
        {
            return;
        }
        else if (Beats(n.Leader, n.Zxid, n.PeerEpoch, _proposedLeader, _proposedZxid, _proposedEpoch))
        {
            (_proposedLeader, _proposedZxid, _proposedEpoch) = (n.Leader, n.Zxid, n.PeerEpoch);
            SendNotifications(output);
        }
        _recvset[fromSid] = new Vote(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch);
        if (HasQuorum(_recvset, Proposal))
        {
            _finalizeDue = nowMs + _options.FinalizeWaitMs;
        }
    }

    private void ProcessEstablished(long fromSid, Notification n, IElectionOutput output)
    {
        if (n.ElectionEpoch == LogicalClock)
        {
            _recvset[fromSid] = new Vote(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch, n.State);
            if (HasQuorum(_recvset, n.Vote) && CheckLeader(_recvset, n.Leader, n.ElectionEpoch))
            {
                Decide(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch, output);
                return;
            }
        }
        // Members already following or leading, whatever their round: enough of them agreeing on a leader that
        // says it leads is an established ensemble to join.
        _outOfElection[fromSid] = n.Vote;
        if (HasQuorum(_outOfElection, n.Vote) && CheckLeader(_outOfElection, n.Leader, n.ElectionEpoch))
        {
            LogicalClock = n.ElectionEpoch;
            Decide(n.Leader, n.Zxid, n.ElectionEpoch, n.PeerEpoch, output);
        }
    }

    /// <summary>
    /// ZooKeeper's checkLeader: following someone else needs that member's own vote saying it leads; leading
    /// ourselves needs the vote to come from our own round.
    /// </summary>
    private bool CheckLeader(Dictionary<long, Vote> votes, long leader, long electionEpoch) =>
        leader != _myId
            ? votes.TryGetValue(leader, out var vote) && vote.State == ServerState.Leading
            : LogicalClock == electionEpoch;

    private bool HasQuorum(Dictionary<long, Vote> votes, Vote vote) =>
        _config.ContainsQuorum(votes.Where(v => v.Value.Agrees(vote)).Select(v => v.Key));

    private bool Beats(long newId, long newZxid, long newEpoch, long curId, long curZxid, long curEpoch) =>
        Vote.Beats(newId, newZxid, newEpoch, curId, curZxid, curEpoch, _config.Weight(newId));

    private void Decide(long leader, long zxid, long electionEpoch, long peerEpoch, IElectionOutput output)
    {
        State = leader == _myId ? ServerState.Leading : IsParticipant ? ServerState.Following : ServerState.Observing;
        CurrentVote = new Vote(leader, zxid, electionEpoch, peerEpoch);
        _finalizeDue = null;
        _pollDue = null;
        _toSelf.Clear();
        output.Decided(CurrentVote, State);
    }

    private void SendNotifications(IElectionOutput output)
    {
        var notification = Notify(Proposal, ServerState.Looking, LogicalClock);
        foreach (var sid in _config.Voters)
        {
            if (sid == _myId)
            {
                // ZooKeeper loops its own notification back through its receive queue.
                _toSelf.Enqueue(notification);
            }
            else
            {
                output.Send(sid, notification);
            }
        }
    }

    private void DrainSelf(long nowMs, IElectionOutput output)
    {
        while (State == ServerState.Looking && _toSelf.TryDequeue(out var own))
        {
            Process(_myId, own, nowMs, output);
        }
        _toSelf.Clear();
    }

    private Notification Notify(Vote vote, ServerState state, long electionEpoch) =>
        new(state, vote.Leader, vote.Zxid, electionEpoch, vote.PeerEpoch, Notification.CurrentVersion, _configText);
}
