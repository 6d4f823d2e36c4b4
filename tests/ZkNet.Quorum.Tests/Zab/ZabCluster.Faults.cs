using ZkNet.Protocol.Records;

namespace ZkNet.Quorum.Tests.Zab;

internal sealed partial class ZabCluster
{
    /// <summary>
    /// When set, a learner's connection is cut right after a packet it matches (learner sid, packet) reaches its
    /// receiver: the packets behind it are lost, as when a leader dies mid-sync. Cleared once it has cut.
    /// </summary>
    public Func<long, QuorumPacket, bool>? CutAfter { get; set; }

    /// <summary>
    /// When set, both ends of a learner's connection (the learner and its leader) crash right after a packet it
    /// matches (learner sid, packet; either direction) has been handled by its receiver, before either member's disk
    /// catches up: the moment a power cut would have to hit to lose what only memory holds. Cleared once it has struck.
    /// </summary>
    public Func<long, QuorumPacket, bool>? CrashAfter { get; set; }

    private void AfterDelivery(Connection connection, QuorumPacket packet)
    {
        var learner = connection.LearnerSide.Sid;
        if (CutAfter?.Invoke(learner, packet) == true)
        {
            CutAfter = null;
            Close(connection, $"cut after {packet.Type}");
        }
        if (CrashAfter?.Invoke(learner, packet) == true)
        {
            CrashAfter = null;
            Trace.Add($"{Now} power cut after {packet.Type} 0x{packet.Zxid:x} on {learner}'s connection");
            connection.LearnerSide.Crash();
            connection.LeaderSide.Crash();
        }
    }
}
