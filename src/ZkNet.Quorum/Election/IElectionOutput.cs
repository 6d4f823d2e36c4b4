namespace ZkNet.Quorum.Election;

/// <summary>What <see cref="FastLeaderElection"/> asks of the world: messages to send and the outcome.</summary>
public interface IElectionOutput
{
    /// <summary>Sends a notification to another member (never to this one: those loop back inside the election).</summary>
    void Send(long toSid, Notification notification);

    /// <summary>The round ended: this member now leads, follows or observes <paramref name="vote"/>'s leader.</summary>
    void Decided(Vote vote, ServerState state);
}
