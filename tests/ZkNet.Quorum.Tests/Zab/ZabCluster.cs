using System.Text;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Tests.Zab;

/// <summary>
/// A seeded ensemble on virtual time: each member runs fast leader election, then <see cref="ZabLeader"/> or
/// <see cref="ZabLearner"/> over <see cref="SimDatabase"/>; messages take random delays (in order per connection),
/// election messages can be lost, links can be cut, members crash (losing whatever their disk had not flushed) and
/// restart, and a client keeps proposing writes to whoever leads. Invariants recorded in <see cref="Violations"/> at
/// every step: one txn per zxid across every member, one established leader per epoch, and every member's committed
/// history a prefix of one order (each time a leader establishes its epoch or a member commits a txn while
/// broadcasting, what it holds up to there is checked against the order committed anywhere before). <see cref="LinearizabilityViolations"/> checks the client's
/// writes against real time.
/// </summary>
internal sealed partial class ZabCluster
{
    private readonly Random _random;
    private readonly QuorumVerifier _config;
    private readonly PriorityQueue<Action, (long, long)> _events = new();
    private readonly HashSet<(long, long)> _cut = [];
    private readonly Dictionary<long, string> _committedByZxid = [];
    private readonly Dictionary<long, long> _leaderOfEpoch = [];
    private readonly List<long> _committedOrder = [];
    private readonly Dictionary<long, (List<ZabTxn> History, int Verified)> _verified = [];
    private readonly Dictionary<string, long> _invokedAt = [];
    private readonly Dictionary<string, long> _acknowledgedAt = [];
    private long _seq;
    private long _nextConnection = 1;
    private int _writes;

    public ZabCluster(int seed, int participants, int observers = 0)
        : this(seed, new QuorumMaj(Servers(participants, observers)))
    {
    }

    /// <summary>An ensemble of <paramref name="config"/>'s members under its quorum rule (majorities, or groups and weights).</summary>
    public ZabCluster(int seed, QuorumVerifier config)
    {
        _random = new Random(seed);
        _config = config;
        foreach (var server in config.Members.Values.OrderBy(s => s.Id))
        {
            var member = new Member(this, server.Id, server.Type == LearnerType.Observer);
            Members[server.Id] = member;
        }
    }

    public Dictionary<long, Member> Members { get; } = [];

    /// <summary>The members' ZAB settings (a 200 ms tick); set before <see cref="StartAll"/>.</summary>
    public ZabOptions Options { get; init; } = new() { TickTime = 200, InitLimit = 10, SyncLimit = 5, CommitLogCount = 20 };

    /// <summary>When each acknowledged write was first known committed (virtual ms).</summary>
    public IReadOnlyDictionary<string, long> AcknowledgedAt => _acknowledgedAt;

    /// <summary>Server lines for sids 1..participants, then the observers, on made-up loopback ports.</summary>
    public static List<QuorumServer> Servers(int participants, int observers = 0) =>
        [.. Enumerable.Range(1, participants + observers)
            .Select(i => QuorumServer.Parse(i, $"127.0.0.1:{20000 + i}:{21000 + i}" + (i > participants ? ":observer" : "")))];

    public long Now { get; private set; }

    public double ElectionLoss { get; set; }

    public int MaxDelayMs { get; set; } = 10;

    public int MaxDiskDelayMs { get; set; } = 15;

    /// <summary>
    /// Writes a client proposes (by payload), and those known committed: reported so by the leader, or in the history
    /// of a leader that established its epoch.
    /// </summary>
    public List<string> Proposed { get; } = [];

    public HashSet<string> Acknowledged { get; } = [];

    /// <summary>A write the leader took: the client invoked it now.</summary>
    private void NoteInvoked(string payload) => _invokedAt.TryAdd(payload, Now);

    /// <summary>A write known committed: the client has its answer now (the first time only).</summary>
    private void NoteAcknowledged(string payload)
    {
        Acknowledged.Add(payload);
        _acknowledgedAt.TryAdd(payload, Now);
    }

    /// <summary>
    /// The client's writes against real time in <paramref name="history"/> (the final committed order): a write
    /// answered before another was invoked must come before it. A write never answered may sit anywhere after its
    /// invocation, as linearizability allows for an operation still pending. Each write is invoked once, so its
    /// payload names it.
    /// </summary>
    public List<string> LinearizabilityViolations(IReadOnlyList<string> history)
    {
        var violations = new List<string>();
        // The earliest answer among the writes from each position on: a write invoked after it, but placed before
        // it, breaks real-time order.
        var earliestAnswerFrom = new long[history.Count + 1];
        earliestAnswerFrom[history.Count] = long.MaxValue;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            earliestAnswerFrom[i] = Math.Min(earliestAnswerFrom[i + 1], _acknowledgedAt.GetValueOrDefault(history[i], long.MaxValue));
        }
        for (var i = 0; i < history.Count; i++)
        {
            if (!_invokedAt.TryGetValue(history[i], out var invoked))
            {
                violations.Add($"{history[i]} is committed but no client invoked it");
            }
            else if (earliestAnswerFrom[i + 1] < invoked)
            {
                var later = history.Skip(i + 1).First(w => _acknowledgedAt.GetValueOrDefault(w, long.MaxValue) == earliestAnswerFrom[i + 1]);
                violations.Add($"{history[i]} (invoked at {invoked}) is ordered before {later} (answered at {earliestAnswerFrom[i + 1]})");
            }
        }
        return violations;
    }

    public List<string> Violations { get; } = [];

    public List<string> Trace { get; } = [];

    /// <summary>Adds every quorum packet to <see cref="Trace"/> (for debugging a seed).</summary>
    public bool TracePackets { get; set; }

    /// <summary>Starts every member (each loads its disk and looks for a leader).</summary>
    public void StartAll()
    {
        foreach (var member in Members.Values)
        {
            member.Restart();
        }
    }

    public void Crash(long sid) => Members[sid].Crash();

    public void Restart(long sid) => Members[sid].Restart();

    public void Partition(IReadOnlyCollection<long> side)
    {
        foreach (var a in side)
        {
            foreach (var b in Members.Keys.Where(k => !side.Contains(k)))
            {
                _cut.Add((a, b));
                _cut.Add((b, a));
            }
        }
        foreach (var member in Members.Values)
        {
            member.DropCutConnections();
        }
    }

    public void Heal() => _cut.Clear();

    /// <summary>A client write every <paramref name="everyMs"/> to the current established leader, while <paramref name="until"/> is ahead.</summary>
    public void WriteEvery(int everyMs, long until)
    {
        Schedule(everyMs, () =>
        {
            var leader = Members.Values.FirstOrDefault(m => m.Alive && m.Leader is { Phase: LeaderPhase.Broadcast });
            leader?.ProposeWrite($"w{++_writes}");
            if (Now + everyMs <= until)
            {
                WriteEvery(everyMs, until);
            }
        });
    }

    /// <summary>Every member alive, one established leader, everyone else serving it, with no txn in flight.</summary>
    public bool Settled
    {
        get
        {
            var live = Members.Values.Where(m => m.Alive).ToList();
            var leaders = live.Where(m => m.Leader is { Phase: LeaderPhase.Broadcast }).ToList();
            if (leaders.Count != 1 || leaders[0].Leader!.OutstandingCount > 0)
            {
                return false;
            }
            var leader = leaders[0];
            return live.All(m => m == leader || (m.Learner is { State: LearnerState.Broadcasting } && m.LeaderSid == leader.Sid))
                && live.All(m => m.Db.LastProcessedZxid == leader.Db.LastProcessedZxid && !m.Db.HasUnflushed);
        }
    }

    /// <summary>As <see cref="Settled"/>, for the members <paramref name="sids"/> only (the others may be down or cut off).</summary>
    public bool SettledAmong(params long[] sids)
    {
        var group = sids.Select(s => Members[s]).ToList();
        var leaders = group.Where(m => m.Alive && m.Leader is { Phase: LeaderPhase.Broadcast }).ToList();
        if (leaders.Count != 1 || leaders[0].Leader!.OutstandingCount > 0)
        {
            return false;
        }
        var leader = leaders[0];
        return group.All(m => m.Alive && (m == leader || (m.Learner is { State: LearnerState.Broadcasting } && m.LeaderSid == leader.Sid)))
            && group.All(m => m.Db.LastProcessedZxid == leader.Db.LastProcessedZxid && !m.Db.HasUnflushed);
    }

    public bool RunUntil(Func<bool> done, long limitMs)
    {
        var deadline = Now + limitMs;
        while (!done())
        {
            if (!_events.TryPeek(out _, out var key) || key.Item1 > deadline)
            {
                Now = deadline;
                return done();
            }
            var action = _events.Dequeue();
            Now = Math.Max(Now, key.Item1);
            action();
        }
        return true;
    }

    private void Schedule(long delayMs, Action action) => _events.Enqueue(action, (Now + delayMs, _seq++));

    private int Delay() => _random.Next(1, MaxDelayMs + 1);

    private bool LinkUp(long a, long b) => !_cut.Contains((a, b)) && Members[a].Alive && Members[b].Alive;

    /// <summary>Records a txn applied as committed anywhere: a zxid must always name the same txn.</summary>
    private void NoteCommitted(long sid, ZabTxn txn)
    {
        var payload = Encoding.UTF8.GetString(txn.Data);
        if (_committedByZxid.TryGetValue(txn.Zxid, out var known) && known != payload)
        {
            Violations.Add($"{Now}: member {sid} committed 0x{txn.Zxid:x}={payload} but it was {known}");
        }
        _committedByZxid[txn.Zxid] = payload;
        // What a learner applies while it syncs, and a prospective leader's history, are committed only once the
        // epoch is established: a leader that fails before then may be succeeded by one without them (they were
        // never acknowledged). Commits while broadcasting are final, and so is everything held before them.
        var member = Members[sid];
        if (member.Leader is { Phase: LeaderPhase.Broadcast } || member.Learner is { State: LearnerState.Broadcasting })
        {
            CheckCommittedPrefix(sid, txn.Zxid);
        }
    }

    /// <summary>
    /// A txn committed (<paramref name="committedZxid"/>) commits everything the member holds before it, so that much
    /// of its history must agree, position by position, with the order committed anywhere so far (and extends it).
    /// Each member's history is checked from where the last check left off, unless it was replaced since (a reload,
    /// a snapshot).
    /// </summary>
    private void CheckCommittedPrefix(long sid, long committedZxid)
    {
        var history = Members[sid].Db.Applied;
        var verified = _verified.TryGetValue(sid, out var last) && ReferenceEquals(last.History, history) ? last.Verified : 0;
        // Zxids rise along a history: the positions up to this txn's are the ones it commits.
        for (var i = verified; i < history.Count && history[i].Zxid <= committedZxid; i++)
        {
            if (i == _committedOrder.Count)
            {
                _committedOrder.Add(history[i].Zxid);
            }
            else if (_committedOrder[i] != history[i].Zxid)
            {
                Violations.Add($"{Now}: member {sid} holds 0x{history[i].Zxid:x} committed at position {i}, where 0x{_committedOrder[i]:x} was committed");
                break;
            }
            verified = i + 1;
        }
        _verified[sid] = (history, verified);
    }

    private void NoteEstablished(long sid, long epoch)
    {
        if (_leaderOfEpoch.TryGetValue(epoch, out var other) && other != sid)
        {
            Violations.Add($"{Now}: epoch {epoch} established by {other} and by {sid}");
        }
        _leaderOfEpoch[epoch] = sid;
        Trace.Add($"{Now} {sid} established epoch {epoch}");
        // An established leader serves its whole history to clients (ZooKeeper's leader once a quorum acknowledged
        // NEWLEADER; ZkNet's host starts serving on Established), txns it logged but never committed in an earlier
        // epoch included: from here on they are committed like any acknowledged write.
        foreach (var txn in Members[sid].Db.Applied)
        {
            NoteAcknowledged(Encoding.UTF8.GetString(txn.Data));
        }
        if (Members[sid].Db.Applied.Count > 0)
        {
            CheckCommittedPrefix(sid, Members[sid].Db.Applied[^1].Zxid);
        }
    }

    /// <summary>A learner-to-leader connection: packets in order each way after a random delay, until closed.</summary>
    internal sealed class Connection(long id, Member learner, Member leader)
    {
        public long Id { get; } = id;

        public Member LearnerSide { get; } = learner;

        public Member LeaderSide { get; } = leader;

        public bool Open { get; set; } = true;

        public long ToLeaderClock { get; set; }

        public long ToLearnerClock { get; set; }
    }

    private void Close(Connection connection, string reason)
    {
        if (!connection.Open)
        {
            return;
        }
        connection.Open = false;
        Trace.Add($"{Now} connection {connection.Id} {connection.LearnerSide.Sid}->{connection.LeaderSide.Sid} closed: {reason}");
        Schedule(Delay(), () => connection.LeaderSide.OnConnectionClosed(connection));
        Schedule(Delay(), () => connection.LearnerSide.OnConnectionClosed(connection));
    }

    private void SendToLeader(Connection connection, QuorumPacket packet)
    {
        var at = Math.Max(Now + Delay(), connection.ToLeaderClock);
        connection.ToLeaderClock = at;
        _events.Enqueue(() =>
        {
            if (connection.Open)
            {
                if (TracePackets)
                {
                    Trace.Add($"{Now} {connection.LearnerSide.Sid}=>{connection.LeaderSide.Sid} {packet.Type} 0x{packet.Zxid:x}");
                }
                connection.LeaderSide.OnLearnerPacket(connection, packet);
                AfterDelivery(connection, packet);
            }
        }, (at, _seq++));
    }

    private void SendToLearner(Connection connection, QuorumPacket packet, byte[]? snapshot)
    {
        var at = Math.Max(Now + Delay(), connection.ToLearnerClock);
        connection.ToLearnerClock = at;
        _events.Enqueue(() =>
        {
            if (connection.Open)
            {
                if (TracePackets)
                {
                    Trace.Add($"{Now} {connection.LeaderSide.Sid}=>{connection.LearnerSide.Sid} {packet.Type} 0x{packet.Zxid:x}");
                }
                connection.LearnerSide.OnLeaderPacket(connection, packet, snapshot);
                AfterDelivery(connection, packet);
            }
        }, (at, _seq++));
    }
}
