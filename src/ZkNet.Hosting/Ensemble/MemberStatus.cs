using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Transport;
using ZkNet.Quorum.Zab;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// An ensemble member's quorum as its figures and the AdminServer's quorum commands report it, for the member's life:
/// the role in progress (a leader's driver, a learner's state machine, or neither while electing) is swapped in and
/// out by <see cref="QuorumPeer"/>, and every read goes to whichever is current.
/// </summary>
internal sealed class MemberStatus : IQuorumStatus
{
    private readonly QuorumVerifier _quorum;
    private readonly TimeProvider _time;
    private readonly string _ownClientAddress;
    private volatile LeaderDriver? _leader;
    private volatile ZabLeader? _leaderState;
    private volatile ZabLearner? _learner;

    public MemberStatus(long myId, QuorumVerifier quorum, string ownClientAddress, TimeProvider time)
    {
        MyId = myId;
        _quorum = quorum;
        _ownClientAddress = ownClientAddress;
        _time = time;
        VotingView = [.. quorum.Members.Values.Where(s => quorum.Voters.Contains(s.Id)).OrderBy(s => s.Id).Select(Describe)];
    }

    public long MyId { get; }

    public bool IsVoting => _quorum.Voters.Contains(MyId);

    public int QuorumSize => _quorum.Voters.Count;

    public long LeaderId { get; set; }

    public string ZabState =>
        _leaderState is { } leader ? leader.Phase switch
        {
            LeaderPhase.Discovery or LeaderPhase.EpochAcks => "discovery",
            LeaderPhase.Synchronization => "synchronization",
            LeaderPhase.Broadcast => "broadcast",
            _ => "election",
        }
        : _learner is { } learner ? learner.State switch
        {
            LearnerState.Connecting or LearnerState.AwaitingLeaderInfo => "discovery",
            LearnerState.Broadcasting => "broadcast",
            LearnerState.Stopped => "election",
            _ => "synchronization",
        }
        : "election";

    public IReadOnlyList<QuorumMemberInfo> VotingView { get; }

    public LeaderFigures? Leader
    {
        get
        {
            if (_leader is not { } driver)
            {
                return null;
            }
            var view = driver.View;
            var observers = new List<ObserverFigures>();
            foreach (var learner in view.Learners.Where(l => l.IsObserver && l.Synced))
            {
                if (driver.Link(learner.Handle) is { } link)
                {
                    observers.Add(new ObserverFigures(learner.Sid, link.RemoteAddress, link.EstablishedMs, link.PacketsReceived, link.PacketsSent, learner.LastZxid));
                }
            }
            var uptime = (long)_time.GetElapsedTime(0).TotalMilliseconds - view.StartedAtMs;
            return new LeaderFigures(view.Learners.Count, view.SyncedFollowers, view.SyncedObservers, observers, uptime,
                view.LastProposalSize, view.MinProposalSize, view.MaxProposalSize);
        }
    }

    /// <summary>This member leads through <paramref name="driver"/> now.</summary>
    public void Leading(ZabLeader leader, LeaderDriver driver)
    {
        _learner = null;
        _leaderState = leader;
        _leader = driver;
    }

    /// <summary>This member follows or observes through <paramref name="learner"/> now.</summary>
    public void Learning(ZabLearner learner)
    {
        _leader = null;
        _leaderState = null;
        _learner = learner;
    }

    /// <summary>The role ended: electing again.</summary>
    public void Electing()
    {
        _leader = null;
        _leaderState = null;
        _learner = null;
    }

    private QuorumMemberInfo Describe(QuorumServer server) => new(server.Id, server.QuorumAddress.ToString(),
        server.ElectionAddress.ToString(), server.ClientAddress?.ToString() ?? (server.Id == MyId ? _ownClientAddress : ""),
        server.Type == LearnerType.Observer ? "observer" : "participant");
}
