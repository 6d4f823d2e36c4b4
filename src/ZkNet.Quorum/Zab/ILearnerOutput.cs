using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Zab;

/// <summary>What <see cref="ZabLearner"/> asks of its host.</summary>
public interface ILearnerOutput
{
    /// <summary>Sends a packet to the leader.</summary>
    void Send(QuorumPacket packet);

    /// <summary>Synchronisation is over: serve clients.</summary>
    void Serving(long epoch);

    /// <summary>The sessions the member's clients touched since the last ping reply: repeated { sessionId (8), timeout (4) }.</summary>
    byte[] SessionTouches() => [];

    /// <summary>Following is over (the leader is gone, a protocol error); the member goes back to election.</summary>
    void Quit(string reason);
}
