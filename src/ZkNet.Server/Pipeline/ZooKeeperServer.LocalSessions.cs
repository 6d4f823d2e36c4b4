using System.Buffers.Binary;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// Local sessions (localSessionsEnabled, ZooKeeper 3.5+'s LocalSessionTracker, LearnerSessionTracker and
/// LeaderSessionTracker). An ensemble member's new session is its own: no createSession txn, no zxid, expired here
/// without a closeSession txn, never reported in ping touches, and refused (as expired) by any other member it moves
/// to, since the leader revalidates only global sessions. Its writes go through the leader like any other; the
/// leader takes a forwarded write of a session it does not know when the session's id is another member's
/// (LeaderSessionTracker.checkSession). Only ephemerals need a global session: an ephemeral create (create or
/// create2, alone or in a multi; containers and TTL nodes are not ephemeral) first upgrades the session with a
/// createSession txn made by the server (QuorumZooKeeperServer.checkUpgradeSession), or fails with
/// EphemeralOnLocalSession when localSessionsUpgradingEnabled is false.
/// </summary>
public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// Prep: what an ephemeral create of <paramref name="sessionId"/> is answered, Ok when the session may own one
    /// (ZooKeeper's validateCreateRequest: the failed upgrade's exception, else checkGlobalSession). Only a global
    /// session may: a learner's local session (unknown here) is refused as expired, this member's own local one,
    /// whose upgrade is off, with EphemeralOnLocalSession.
    /// </summary>
    private ErrorCode EphemeralRefusal(long sessionId) => Sessions.Get(sessionId) switch
    {
        null => ErrorCode.SessionExpired,
        { IsLocal: true } => ErrorCode.EphemeralOnLocalSession,
        _ => ErrorCode.Ok,
    };

    /// <summary>Local sessions apply to an ensemble member serving read-write (ZooKeeper's standalone server has none).</summary>
    private bool LocalSessionsActive =>
        Options.LocalSessionsEnabled && Role is ServerRole.Leading or ServerRole.Following or ServerRole.Observing;

    /// <summary>A new session, local to this member: answered at once, as nothing needs to be committed.</summary>
    private void AcceptLocalSession(Session session, ConnectRequest connect, ServerCnxn cnxn, int timeout)
    {
        session.IsLocal = true;
        LogLocalSession(session.Id, cnxn.Remote.ToString());
        cnxn.StageRecord(new ConnectResponse(0, timeout, session.Id, SessionTracker.PasswordFor(session.Id), false)
        {
            HasReadOnlyFlag = connect.HasReadOnlyFlag,
        });
    }

    /// <summary>
    /// A write from a local session that creates an ephemeral: upgrade the session first (its createSession goes
    /// ahead of the write, so the leader knows the session as global when it preps the create), or mark the request
    /// to fail with EphemeralOnLocalSession. A learner still forwards the failing request, as ZooKeeper's
    /// FollowerRequestProcessor does; the leader logs it as an error txn.
    /// </summary>
    private void CheckUpgradeSession(Request request, Session session)
    {
        if (!session.IsLocal || request.DecodeError is not null || !CreatesEphemeral(request))
        {
            return;
        }
        if (!Options.LocalSessionsUpgradingEnabled)
        {
            LogEphemeralOnLocalSession(session.Id);
            request.LocalError = ErrorCode.EphemeralOnLocalSession;
            return;
        }
        LogUpgradingSession(session.Id);
        session.IsLocal = false;
        if (IsLearner)
        {
            // The same REQUEST a learner sends for a client's new global session; nobody waits for its reply (the
            // returning txn has cxid 0, which no client request has, so it answers none).
            var body = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(body, session.TimeoutMs);
            _replication!.Forward(session.Id, 0, (int)OpCode.CreateSession, body, null);
            return;
        }
        var header = new TxnHeader(session.Id, 0, NextZxid(), WallNow(), (int)OpCode.CreateSession);
        Propose(new Proposal(header, new CreateSessionTxn(session.TimeoutMs), null, null), ordered: false);
    }

    /// <summary>ZooKeeper's test: create or create2 (alone or in a multi) whose flags make an ephemeral node.</summary>
    private static bool CreatesEphemeral(Request request) => request.Op switch
    {
        OpCode.Create or OpCode.Create2 => IsEphemeralCreate(request.Op, request.Record),
        OpCode.Multi when request.Record is MultiRequest multi => multi.Ops.Any(op => IsEphemeralCreate(op.Type, op.Record)),
        _ => false,
    };

    private static bool IsEphemeralCreate(OpCode op, object? record) =>
        op is OpCode.Create or OpCode.Create2 && record is CreateRequest create
        && CreateModeExtensions.TryFromFlag(create.Flags, out var mode) && mode.IsEphemeral();

    /// <summary>
    /// Leader: a forwarded write of a session it does not track is a learner's local session when local sessions are
    /// on and the id is not from this member's own id space (whose sessions it would know).
    /// </summary>
    private bool IsOtherMembersLocalSession(long sessionId) =>
        LocalSessionsActive && (sessionId >> 56) != Options.ServerId;

    /// <summary>The client closes its local session: no txn; its reply carries the last applied zxid.</summary>
    private void CloseLocalSession(Request request, ServerCnxn cnxn)
    {
        if (Sessions.Get(cnxn.SessionId) is { IsLocal: true } session)
        {
            LogClosingLocalSession(session.Id);
            EndLocalSession(session, cnxn);
        }
        cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, ErrorCode.Ok, null);
        cnxn.StageClose();
    }

    /// <summary>A learner expires its own local sessions (the leader expires the global ones).</summary>
    private void ExpireLocalSessions()
    {
        foreach (var session in Sessions.PollExpired(MonotonicNow(), localOnly: true))
        {
            LogSessionExpired(session.Id, session.TimeoutMs);
            EndLocalSession(session, null);
        }
    }

    /// <summary>Ends a local session (expired, or closed by its client): its watches go, and its connection closes.</summary>
    private void EndLocalSession(Session session, ServerCnxn? replyTo)
    {
        session.IsClosing = true;
        DropConnection(session, replyTo);
        Sessions.Remove(session.Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Established local session 0x{SessionId:x} for client {Remote}")]
    private partial void LogLocalSession(long sessionId, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upgrading session 0x{SessionId:x}")]
    private partial void LogUpgradingSession(long sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ephemeral create on local session 0x{SessionId:x} refused: localSessionsUpgradingEnabled is false")]
    private partial void LogEphemeralOnLocalSession(long sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing local session 0x{SessionId:x}")]
    private partial void LogClosingLocalSession(long sessionId);
}
