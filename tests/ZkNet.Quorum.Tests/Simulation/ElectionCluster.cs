using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Election;

namespace ZkNet.Quorum.Tests.Simulation;

/// <summary>
/// Members running <see cref="FastLeaderElection"/> over a simulated network on virtual time: every message takes a
/// seeded random delay (in order per link, as over TCP), may be lost, and links can be cut. Everything follows from
/// the seed, so a failing run replays exactly.
/// <para>
/// An election alone does not promise agreement: with lost messages a member can end a round following someone who
/// went on to follow another. What puts it right in ZooKeeper is the next layer, modelled here as a role check
/// every <see cref="RoleCheckMs"/> (a follower that cannot reach a leading leader, or a leader without a quorum of
/// followers, starts looking again, as initLimit/syncLimit make them). The invariant checked after every event: at
/// most one leader is followed by a quorum.
/// </para>
/// </summary>
internal sealed class ElectionCluster
{
    private readonly Random _random;
    private readonly PriorityQueue<InFlight, (long Time, long Seq)> _inFlight = new();
    private readonly Dictionary<(long From, long To), long> _linkClock = [];
    private readonly HashSet<(long, long)> _cut = [];
    private readonly QuorumVerifier _config;
    private long _seq;

    public ElectionCluster(int seed, IReadOnlyList<QuorumServer> servers, double lossRate = 0, int maxDelayMs = 5)
        : this(seed, new QuorumMaj(servers), lossRate, maxDelayMs)
    {
    }

    /// <summary>Members of <paramref name="config"/> (any quorum rule: majorities, or groups and weights).</summary>
    public ElectionCluster(int seed, QuorumVerifier config, double lossRate = 0, int maxDelayMs = 5)
    {
        _random = new Random(seed);
        LossRate = lossRate;
        MaxDelayMs = maxDelayMs;
        _config = config;
        foreach (var server in config.Members.Values.OrderBy(s => s.Id))
        {
            Members[server.Id] = new Member(this, server.Id, new FastLeaderElection(server.Id, _config));
        }
    }

    public Dictionary<long, Member> Members { get; } = [];

    public long Now { get; private set; }

    public double LossRate { get; set; }

    public int MaxDelayMs { get; }

    public List<string> Trace { get; } = [];

    /// <summary>How long a decided member waits before checking its role holds (ZooKeeper: initLimit, syncLimit ticks).</summary>
    public long RoleCheckMs { get; set; } = 2000;

    /// <summary>Moments when two leaders were each followed by a quorum (must stay empty).</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Every live member has decided, all on one leader, which leads.</summary>
    public bool Settled
    {
        get
        {
            var live = Members.Values.Where(m => m.Alive).ToList();
            if (live.Any(m => !m.HasDecided))
            {
                return false;
            }
            var leader = live[0].Election.CurrentVote.Leader;
            return live.All(m => m.Election.CurrentVote.Leader == leader)
                && Members.TryGetValue(leader, out var l) && l.Alive && l.Election.State == ServerState.Leading;
        }
    }

    /// <summary>Every live member of <paramref name="sids"/> has decided, all on one leading leader.</summary>
    public bool SettledAmong(params long[] sids)
    {
        var group = sids.Select(s => Members[s]).ToList();
        if (group.Any(m => !m.HasDecided))
        {
            return false;
        }
        var leader = group[0].Election.CurrentVote.Leader;
        return group.All(m => m.Election.CurrentVote.Leader == leader) && Members[leader].Election.State == ServerState.Leading;
    }

    public static IReadOnlyList<QuorumServer> Servers(int participants, int observers = 0) =>
        Enumerable.Range(1, participants + observers)
            .Select(i => QuorumServer.Parse(i, $"127.0.0.1:{20000 + i}:{21000 + i}" + (i > participants ? ":observer" : "")))
            .ToList();

    public void Start(long sid, long lastZxid, long epoch)
    {
        var member = Members[sid];
        member.Alive = true;
        member.RoleCheckDue = null;
        member.LastZxid = lastZxid;
        member.Epoch = epoch;
        Trace.Add($"{Now} start {sid} zxid={lastZxid:x} epoch={epoch}");
        member.Election.StartLooking(lastZxid, epoch, Now, member);
    }

    /// <summary>
    /// The member's election port is open (it receives notifications) but its first round has not started: a member
    /// still loading its database.
    /// </summary>
    public void Listen(long sid)
    {
        Members[sid].Alive = true;
        Trace.Add($"{Now} {sid} listens");
    }

    public void Crash(long sid)
    {
        Members[sid].Alive = false;
        Trace.Add($"{Now} crash {sid}");
    }

    /// <summary>Cuts every link between <paramref name="side"/> and the other members.</summary>
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
    }

    public void Heal() => _cut.Clear();

    /// <summary>Runs events until <paramref name="done"/> holds or <paramref name="limitMs"/> of virtual time pass.</summary>
    public bool RunUntil(Func<bool> done, long limitMs)
    {
        var deadline = Now + limitMs;
        while (!done())
        {
            var nextTimer = Members.Values.Where(m => m.Alive && m.NextDue is not null)
                .Select(m => (Due: m.NextDue!.Value, Member: m)).OrderBy(t => t.Due).ThenBy(t => t.Member.Sid)
                .FirstOrDefault();
            var hasMessage = _inFlight.TryPeek(out var message, out var key);
            if (!hasMessage && nextTimer.Member is null)
            {
                return done();
            }
            var messageFirst = hasMessage && (nextTimer.Member is null || key.Time <= nextTimer.Due);
            var time = messageFirst ? key.Time : nextTimer.Due;
            if (time > deadline)
            {
                Now = deadline;
                return done();
            }
            Now = Math.Max(Now, time);
            if (messageFirst)
            {
                _inFlight.Dequeue();
                var target = Members[message!.To];
                if (target.Alive && Members[message.From].Alive && !_cut.Contains((message.From, message.To)))
                {
                    target.Election.Receive(message.From, message.Notification, Now, target);
                }
            }
            else if (nextTimer.Member!.RoleCheckDue is { } check && check <= Now)
            {
                CheckRole(nextTimer.Member);
            }
            else
            {
                nextTimer.Member.Election.OnTimer(Now, nextTimer.Member);
            }
            CheckOneEstablishedLeader();
        }
        return true;
    }

    private bool Connected(long a, long b) => Members[a].Alive && Members[b].Alive && !_cut.Contains((a, b));

    private bool IsEstablished(Member leader) =>
        leader.Alive && leader.Election.State == ServerState.Leading
        && _config.ContainsQuorum(Members.Values.Where(m => m.Sid == leader.Sid || (m.Election.State == ServerState.Following
            && m.Election.CurrentVote.Leader == leader.Sid && Connected(m.Sid, leader.Sid))).Select(m => m.Sid));

    private void CheckRole(Member member)
    {
        member.RoleCheckDue = null;
        var state = member.Election.State;
        var leader = member.Election.CurrentVote.Leader;
        var holds = state == ServerState.Leading
            ? IsEstablished(member)
            : Connected(member.Sid, leader) && Members[leader].Election.State == ServerState.Leading;
        if (holds)
        {
            member.RoleCheckDue = Now + RoleCheckMs;
            return;
        }
        Trace.Add($"{Now} {member.Sid} gives up {state} of {leader}");
        member.Election.EndRole();
        Start(member.Sid, member.LastZxid, member.Epoch);
    }

    private void CheckOneEstablishedLeader()
    {
        var established = Members.Values.Where(IsEstablished).Select(m => m.Sid).ToList();
        if (established.Count > 1)
        {
            Violations.Add($"{Now}: leaders {string.Join(",", established)} each followed by a quorum");
        }
    }

    private void Send(long from, long to, Notification notification)
    {
        if (_random.NextDouble() < LossRate || _cut.Contains((from, to)))
        {
            return;
        }
        var link = (from, to);
        var at = Math.Max(Now + _random.Next(1, MaxDelayMs + 1), _linkClock.GetValueOrDefault(link));
        _linkClock[link] = at;
        _inFlight.Enqueue(new InFlight(from, to, notification), (at, _seq++));
    }

    internal sealed class Member(ElectionCluster cluster, long sid, FastLeaderElection election) : IElectionOutput
    {
        public long Sid { get; } = sid;

        public FastLeaderElection Election { get; } = election;

        public bool Alive { get; set; }

        public long LastZxid { get; set; }

        public long Epoch { get; set; }

        public List<(long Time, Vote Vote, ServerState State)> Decisions { get; } = [];

        public bool HasDecided => Alive && Election.State != ServerState.Looking;

        public long? RoleCheckDue { get; set; }

        public long? NextDue => (RoleCheckDue, Election.TimerDue) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            (var a, var b) => a ?? b,
        };

        public void Send(long toSid, Notification notification)
        {
            cluster.Trace.Add($"{cluster.Now} {Sid}->{toSid} {notification.State} l={notification.Leader} z={notification.Zxid:x} e={notification.ElectionEpoch}");
            cluster.Send(Sid, toSid, notification);
        }

        public void Decided(Vote vote, ServerState state)
        {
            cluster.Trace.Add($"{cluster.Now} {Sid} decided {state} {vote}");
            Decisions.Add((cluster.Now, vote, state));
            RoleCheckDue = cluster.Now + cluster.RoleCheckMs;
        }
    }

    private sealed record InFlight(long From, long To, Notification Notification);
}
