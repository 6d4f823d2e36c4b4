using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>
    /// The handshake. A new session is a createSession txn; a returning client must present the session's
    /// password and a zxid no newer than ours. A refused session gets ZooKeeper's answer: a ConnectResponse with
    /// timeout 0 and session id 0, then the connection closes.
    /// </summary>
    private void ProcessConnect(Request request)
    {
        var cnxn = request.Cnxn!;
        Attach(cnxn);
        if (!_serving)
        {
            // An ensemble member between leaders: ZooKeeper closes the connection ("ZooKeeperServer not running")
            // and the client tries another server.
            cnxn.StageClose();
            return;
        }
        if (request.Record is not ConnectRequest connect)
        {
            LogBadHandshake(cnxn.Remote.ToString(), request.DecodeError ?? "not a ConnectRequest");
            cnxn.StageClose();
            return;
        }
        if (!_connectionThrottle.TryTake(_connectionThrottle.Cost(newSession: connect.SessionId == 0, local: LocalSessionsActive), MonotonicNow()))
        {
            // ZooKeeper's ClientCnxnLimitException: the connection closes unanswered and the client tries again.
            Metrics.Counter("connection_rejected").Add();
            LogConnectionThrottled(cnxn.Remote.ToString(), _connectionThrottle.Deficit);
            cnxn.StageClose();
            return;
        }
        if (_connectionThrottle.Enabled)
        {
            Metrics.Summary("connection_token_deficit").Record(_connectionThrottle.Deficit);
        }
        if (IsReadOnly && !connect.ReadOnly)
        {
            // Only a client that accepts a read-only server may stay; the others look for a read-write member.
            LogRefusingReadWriteClient(cnxn.Remote.ToString());
            cnxn.StageClose();
            return;
        }
        if (connect.LastZxidSeen > Tree.LastProcessedZxid)
        {
            // The client has seen a newer state than ours (it came from another server); it must go elsewhere.
            LogZxidTooNew(cnxn.Remote.ToString(), connect.LastZxidSeen, Tree.LastProcessedZxid);
            cnxn.StageClose();
            return;
        }
        var timeout = Math.Clamp(connect.TimeOut, Options.MinSessionTimeout, Options.MaxSessionTimeout);
        if (IsReadOnly)
        {
            ProcessReadOnlyConnect(connect, cnxn, timeout);
            return;
        }
        if (connect.SessionId == 0)
        {
            // ZooKeeper tracks the session from the handshake (so it can expire) and answers once its createSession
            // txn is committed; requests the client pipelines meanwhile wait behind it (SessionOrdering).
            var sessionId = Sessions.NextSessionId();
            var session = Sessions.AddSession(sessionId, timeout, MonotonicNow());
            session.Owner = LocalOwner;
            Bind(session, cnxn, timeout);
            if (LocalSessionsActive)
            {
                AcceptLocalSession(session, connect, cnxn, timeout);
                return;
            }
            if (IsLearner)
            {
                ForwardCreateSession(request, sessionId, timeout);
                return;
            }
            var header = new TxnHeader(sessionId, 0, NextZxid(), WallNow(), (int)OpCode.CreateSession);
            Propose(new Proposal(header, new CreateSessionTxn(timeout), request, cnxn), ordered: true);
            return;
        }
        var existing = Sessions.Get(connect.SessionId);
        var expected = SessionTracker.PasswordFor(connect.SessionId);
        if (IsLearner && existing is not { IsLocal: true } && connect.Passwd is not null && expected.AsSpan().SequenceEqual(connect.Passwd))
        {
            // Only the leader knows whether the session lives (this member's copy may lag an expiry); it also learns
            // that the client is here now. A local session of this member is this member's to renew
            // (LearnerZooKeeperServer.revalidateSession); one of another member's the leader refuses as unknown.
            RevalidateWithLeader(request, connect, existing, timeout);
            return;
        }
        if (existing is null || existing.IsClosing || connect.Passwd is null || !expected.AsSpan().SequenceEqual(connect.Passwd))
        {
            LogInvalidSession(connect.SessionId, cnxn.Remote.ToString());
            cnxn.StageRecord(new ConnectResponse(0, 0, 0, new byte[16], false) { HasReadOnlyFlag = connect.HasReadOnlyFlag });
            cnxn.StageClose();
            return;
        }
        // The client moved to a new connection: the old one is dead to it.
        TakeOver(existing, cnxn, timeout);
        existing.Owner = LocalOwner;
        Sessions.Touch(existing.Id, MonotonicNow());
        NoteTouch(existing);
        cnxn.StageRecord(new ConnectResponse(0, timeout, existing.Id, expected, false) { HasReadOnlyFlag = connect.HasReadOnlyFlag });
    }

    /// <summary>The owner of a session whose client is connected to this server (a local request's Request.Learner is 0 too).</summary>
    private const long LocalOwner = 0;

    /// <summary>Moves a returning session to <paramref name="cnxn"/>: its previous connection is dead to the client.</summary>
    private void TakeOver(Session session, ServerCnxn cnxn, int timeout)
    {
        if (session.Connection is { } old && old != cnxn)
        {
            Tree.DataWatches.RemoveWatcher(old);
            Tree.ChildWatches.RemoveWatcher(old);
            Attach(old);
            old.StageClose();
        }
        session.TimeoutMs = timeout;
        Bind(session, cnxn, timeout);
    }

    /// <summary>Re-creates the sessions recovered from disk (before <see cref="Start"/>); they expire unless their clients return.</summary>
    public void RestoreSessions(IEnumerable<KeyValuePair<long, int>> sessions)
    {
        foreach (var (id, timeout) in sessions)
        {
            Sessions.AddSession(id, timeout, MonotonicNow());
            _committedSessions[id] = timeout;
        }
    }

    private static void Bind(Session session, ServerCnxn cnxn, int timeout)
    {
        session.Connection = cnxn;
        cnxn.SessionId = session.Id;
        cnxn.SessionTimeout = timeout;
    }

    private void ProcessConnectionClosed(ServerCnxn cnxn)
    {
        Attach(cnxn);
        // Whatever the connection still had in process will not be answered to anyone.
        _throttler?.ConnectionClosed(cnxn);
        if (!cnxn.IsClosing)
        {
            cnxn.StageClose();
        }
        Tree.DataWatches.RemoveWatcher(cnxn);
        Tree.ChildWatches.RemoveWatcher(cnxn);
        if (cnxn.SessionId != 0 && Sessions.Get(cnxn.SessionId) is { } session && session.Connection == cnxn)
        {
            // The session outlives its connection until it expires or the client comes back.
            session.Connection = null;
        }
    }

    private void ProcessTick()
    {
        if (IsReadOnly)
        {
            ExpireReadOnlySessions();
            return;
        }
        if (Role is not (ServerRole.Standalone or ServerRole.Leading))
        {
            // Expiry and reaping are the leader's: a learner's global sessions live while its leader says so, its
            // local sessions are its own.
            if (LocalSessionsActive)
            {
                ExpireLocalSessions();
            }
            return;
        }
        foreach (var session in Sessions.PollExpired(MonotonicNow()))
        {
            LogSessionExpired(session.Id, session.TimeoutMs);
            if (session.IsLocal)
            {
                EndLocalSession(session, null);
                continue;
            }
            ProposeCloseSession(session);
        }
        ReapContainers();
    }

    /// <summary>
    /// Proposes the closeSession txn of an expired session: its ephemerals (those in the tree and those of its
    /// txns in flight) go, and its connection closes, when the txn is applied.
    /// </summary>
    private void ProposeCloseSession(Session session)
    {
        session.IsClosing = true;
        var header = new TxnHeader(session.Id, 0, NextZxid(), WallNow(), (int)OpCode.CloseSession);
        Propose(new Proposal(header, PrepCloseSession(session.Id), null, null), ordered: false);
    }

    private long NextZxid() => _zxids.Next();

    private readonly Throttling.ConnectionThrottle _connectionThrottle;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection throttled: closing {Remote} unanswered (token deficit {Deficit})")]
    private partial void LogConnectionThrottled(string remote, int deficit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing connection from {Remote}: bad handshake ({Reason})")]
    private partial void LogBadHandshake(string remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refusing session request for client {Remote} as it has seen zxid 0x{ClientZxid:x} our last zxid is 0x{OurZxid:x}")]
    private partial void LogZxidTooNew(string remote, long clientZxid, long ourZxid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invalid session 0x{SessionId:x} for client {Remote}, probably expired")]
    private partial void LogInvalidSession(long sessionId, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiring session 0x{SessionId:x}, timeout of {TimeoutMs}ms exceeded")]
    private partial void LogSessionExpired(long sessionId, int timeoutMs);
}
