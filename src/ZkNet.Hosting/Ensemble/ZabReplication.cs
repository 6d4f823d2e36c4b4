using System.Buffers.Binary;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Transport;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Ensemble;

/// <summary>
/// Joins a server to its role's ZAB driver for one role: the server's proposals, forwarded requests and durability
/// go to the driver; the leader's learner packets (REQUEST, PING touches, REVALIDATE) and a learner's answers (SYNC)
/// come back to the server. Runs on the server's processor thread, except <see cref="LocalDurable"/>.
/// </summary>
internal sealed class ZabReplication : IReplication
{
    private readonly ZooKeeperServer _core;
    private LeaderDriver? _leader;
    private LearnerDriver? _learner;

    public ZabReplication(ZooKeeperServer core) => _core = core;

    /// <summary>Serves as the leader's replication; learner packets reach the server.</summary>
    public void Attach(LeaderDriver leader)
    {
        _leader = leader;
        leader.Forwarded += OnLearnerPacket;
        leader.Committed += txn => _core.CommitUpTo(txn.Zxid);
        leader.EpochEstablished += epoch => _core.StartServing(ServerRole.Leading, epoch);
    }

    /// <summary>Serves as a learner's replication; the leader's answers reach the server.</summary>
    public void Attach(LearnerDriver learner, bool observer)
    {
        _learner = learner;
        learner.SessionTouches = _core.TakeSessionTouches;
        learner.ServingStarted += epoch => _core.StartServing(observer ? ServerRole.Observing : ServerRole.Following, epoch);
        learner.Answered += packet =>
        {
            if (packet.Type == QuorumPacketType.Sync)
            {
                _core.LeaderSynced();
            }
            else if (packet is { Type: QuorumPacketType.Revalidate, Data.Length: >= 9 })
            {
                _core.Revalidated(BinaryPrimitives.ReadInt64BigEndian(packet.Data), packet.Data[8] != 0);
            }
        };
    }

    public void Propose(TxnHeader header, IJuteRecord body, long? digest)
    {
        // False means the leader stepped down instead (its epoch's counter is spent); the driver reports that, and
        // the member leaves the role, closing every client waiting on this proposal.
        _leader!.Propose(ZabTxnCodec.Encode(header, body, digest));
    }

    public void Forward(long sessionId, int cxid, int type, byte[] body, IReadOnlyList<Id>? authInfo)
    {
        var data = new byte[16 + body.Length];
        BinaryPrimitives.WriteInt64BigEndian(data, sessionId);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), cxid);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(12), type);
        body.CopyTo(data.AsSpan(16));
        _learner!.SendToLeader(new QuorumPacket(QuorumPacketType.Request, -1, data, authInfo));
    }

    public void Revalidate(long sessionId, int timeout)
    {
        var data = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(data, sessionId);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(8), timeout);
        _learner!.SendToLeader(new QuorumPacket(QuorumPacketType.Revalidate, -1, data));
    }

    public void LocalDurable(long zxid)
    {
        _leader?.LocalDurable(zxid);
        _learner?.LocalDurable(zxid);
    }

    public void SyncReady(long learner) => _leader!.Send(learner, new QuorumPacket(QuorumPacketType.Sync, 0));

    /// <summary>
    /// A learner's REQUEST goes through the leader's Prep; a PING reply's session touches keep those sessions alive;
    /// a REVALIDATE is answered with whether the session lives. Malformed packets are ignored: the learner's
    /// requests then time out and it reconnects, which is all a broken learner deserves.
    /// </summary>
    private void OnLearnerPacket(long handle, long learnerSid, QuorumPacket packet)
    {
        var data = packet.Data ?? [];
        switch (packet.Type)
        {
            case QuorumPacketType.Request when data.Length >= 16:
                var sessionId = BinaryPrimitives.ReadInt64BigEndian(data);
                var cxid = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8));
                var type = (OpCode)BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
                _core.ProcessForwarded(RequestDecoder.DecodeForwarded(handle, sessionId, cxid, type, data.AsSpan(16), packet.AuthInfo));
                break;
            case QuorumPacketType.Ping:
                for (var offset = 0; offset + 12 <= data.Length; offset += 12)
                {
                    _core.TouchSession(BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(offset)));
                }
                break;
            case QuorumPacketType.Revalidate when data.Length >= 12:
                var revalidated = BinaryPrimitives.ReadInt64BigEndian(data);
                var answer = new byte[9];
                BinaryPrimitives.WriteInt64BigEndian(answer, revalidated);
                answer[8] = _core.RevalidateSession(revalidated, handle) ? (byte)1 : (byte)0;
                _leader!.Send(handle, new QuorumPacket(QuorumPacketType.Revalidate, packet.Zxid, answer));
                break;
        }
    }
}
