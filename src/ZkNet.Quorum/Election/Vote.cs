namespace ZkNet.Quorum.Election;

/// <summary>
/// A vote as FastLeaderElection keeps it (ZooKeeper's Vote): who should lead, that member's last logged zxid and
/// epoch, the election round it was cast in, and the state of the member that cast it.
/// </summary>
/// <param name="Leader">The proposed (or established) leader's sid.</param>
/// <param name="Zxid">The proposed leader's last logged zxid.</param>
/// <param name="ElectionEpoch">The election round (the sender's logical clock).</param>
/// <param name="PeerEpoch">The proposed leader's epoch.</param>
/// <param name="State">The state of the member that cast the vote.</param>
/// <param name="Version">The notification version it came in (0 for votes made locally, as ZooKeeper's 4- and 5-field constructors do).</param>
public readonly record struct Vote(long Leader, long Zxid, long ElectionEpoch, long PeerEpoch, ServerState State = ServerState.Looking, int Version = 0)
{
    /// <summary>
    /// ZooKeeper's Vote.equals, which is not plain field equality: while either side is LOOKING the four election
    /// fields must match; between established members only the leader and its epoch must (only the leader when
    /// exactly one side comes from a version-0 notification).
    /// </summary>
    public bool Agrees(Vote other)
    {
        if (State == ServerState.Looking || other.State == ServerState.Looking)
        {
            return Leader == other.Leader && Zxid == other.Zxid && ElectionEpoch == other.ElectionEpoch && PeerEpoch == other.PeerEpoch;
        }
        if ((Version > 0) ^ (other.Version > 0))
        {
            return Leader == other.Leader;
        }
        return Leader == other.Leader && PeerEpoch == other.PeerEpoch;
    }

    /// <summary>
    /// ZooKeeper's totalOrderPredicate: true when (<paramref name="newId"/>, <paramref name="newZxid"/>,
    /// <paramref name="newEpoch"/>) beats the current vote: a higher epoch, then a higher zxid, then a higher sid. A
    /// candidate of weight 0 (not a participant) never wins.
    /// </summary>
    public static bool Beats(long newId, long newZxid, long newEpoch, long curId, long curZxid, long curEpoch, long newWeight) =>
        newWeight != 0
        && (newEpoch > curEpoch || (newEpoch == curEpoch && (newZxid > curZxid || (newZxid == curZxid && newId > curId))));
}
