namespace ZkNet.Server.Pipeline;

/// <summary>
/// What an ensemble member reports of its quorum (mntr's peer_state, quorum_size and leader figures, srvr's proposal
/// sizes, the AdminServer's quorum commands). Any thread may read it: the figures behind it are published values.
/// </summary>
public interface IQuorumStatus
{
    /// <summary>This member's server id.</summary>
    long MyId { get; }

    /// <summary>Whether this member votes (a participant in the voting view).</summary>
    bool IsVoting { get; }

    /// <summary>The number of voting members (mntr's quorum_size).</summary>
    int QuorumSize { get; }

    /// <summary>The leader this member follows or is (0 while none is known).</summary>
    long LeaderId { get; }

    /// <summary>ZAB's phase as ZooKeeper names it: election, discovery, synchronization or broadcast.</summary>
    string ZabState { get; }

    /// <summary>The voting members in server id order (the voting_view command).</summary>
    IReadOnlyList<QuorumMemberInfo> VotingView { get; }

    /// <summary>The leader's figures while this member leads, else null.</summary>
    LeaderFigures? Leader { get; }
}

/// <summary>One server line as the AdminServer's voting_view and zabstate report it.</summary>
/// <param name="Id">The server id.</param>
/// <param name="QuorumAddress">host:port of the quorum port.</param>
/// <param name="ElectionAddress">host:port of the election port.</param>
/// <param name="ClientAddress">host:port clients use, or "" when the server line does not say.</param>
/// <param name="LearnerType">participant or observer.</param>
public sealed record QuorumMemberInfo(long Id, string QuorumAddress, string ElectionAddress, string ClientAddress, string LearnerType);

/// <summary>A leader's figures (mntr's leader-only keys and the observers command).</summary>
/// <param name="Learners">Learner connections, observers included (mntr's learners).</param>
/// <param name="SyncedFollowers">Voting followers being forwarded proposals.</param>
/// <param name="SyncedObservers">Observers being informed of commits.</param>
/// <param name="Observers">The synced observers.</param>
/// <param name="UptimeMs">Milliseconds since leading began.</param>
/// <param name="LastProposalSize">The last proposal's size in bytes (-1 before the first).</param>
/// <param name="MinProposalSize">The smallest proposal (-1 before the first).</param>
/// <param name="MaxProposalSize">The largest proposal (-1 before the first).</param>
public sealed record LeaderFigures(int Learners, int SyncedFollowers, int SyncedObservers, IReadOnlyList<ObserverFigures> Observers,
    long UptimeMs, long LastProposalSize, long MinProposalSize, long MaxProposalSize);

/// <summary>One observer as the leader's observers command reports it.</summary>
/// <param name="Sid">The observer's server id.</param>
/// <param name="RemoteAddress">Where its connection comes from.</param>
/// <param name="EstablishedMs">When it connected (Unix milliseconds).</param>
/// <param name="PacketsReceived">Packets the leader read from it.</param>
/// <param name="PacketsSent">Packets the leader queued to it.</param>
/// <param name="LastZxid">The last zxid it reported.</param>
public sealed record ObserverFigures(long Sid, string RemoteAddress, long EstablishedMs, long PacketsReceived, long PacketsSent, long LastZxid);
