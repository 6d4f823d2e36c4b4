using System.Buffers.Binary;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// Requests that cross the ensemble. A learner forwards every write, createSession, closeSession and sync to its
/// leader and answers the client when the txn comes back committed (matched by session and cxid, as ZooKeeper's
/// CommitProcessor matches them); it reports its clients' activity in ping replies. A leader runs forwarded
/// requests through the same Prep as its own clients' and answers a learner's sync once everything proposed before
/// it is applied. docs/quorum-protocol.md §5.3–5.4.
/// </summary>
public sealed partial class ZooKeeperServer
{
    /// <summary>Learner: each session's forwarded requests, in the order they were sent.</summary>
    private readonly Dictionary<long, Queue<Request>> _forwarded = [];

    /// <summary>Learner: handshakes of returning sessions waiting for the leader's REVALIDATE answer, per session.</summary>
    private readonly Dictionary<long, Queue<(Request Connect, bool CreatedHere)>> _revalidating = [];

    /// <summary>Learner: forwarded syncs waiting for the leader's SYNC, oldest first.</summary>
    private readonly Queue<Request> _forwardedSyncs = new();

    /// <summary>Learner: sessions its clients touched since the last ping reply, with their timeouts.</summary>
    private readonly Dictionary<long, int> _touchedSessions = [];

    /// <summary>Leader: learners' syncs, each released once the zxid proposed before it is applied.</summary>
    private readonly List<(long Zxid, long Learner)> _syncBarriers = [];

    private bool IsLearner => Role is ServerRole.Following or ServerRole.Observing;

    /// <summary>Learner: forwards a client's write, close or sync; its reply waits for the txn (or SYNC) to come back.</summary>
    private void ForwardRequest(Request request, ServerCnxn cnxn, Session session)
    {
        if (request.DecodeError is not null)
        {
            // The leader could not read it either; answer here rather than send bytes nobody can decode.
            LogMalformedRequest(request.Op.ToString(), cnxn.Remote.ToString(), request.DecodeError);
            cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, ErrorCode.MarshallingError, null);
            return;
        }
        if (request.Op == OpCode.CloseSession)
        {
            session.IsClosing = true;
            session.ClosedByClient = true;
        }
        var body = request.Record is IJuteRecord record ? Serialize(record) : [];
        _replication!.Forward(session.Id, request.Xid, (int)request.Op, body, cnxn.AuthInfo);
        _ordering.AddWrite(session.Id, request);
        if (request.Op == OpCode.Sync)
        {
            _forwardedSyncs.Enqueue(request);
        }
        else
        {
            ForwardedOf(session.Id).Enqueue(request);
        }
    }

    /// <summary>Learner: a new session is created by the leader; the client's connect reply waits for its commit.</summary>
    private void ForwardCreateSession(Request connect, long sessionId, int timeout)
    {
        var body = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(body, timeout);
        _replication!.Forward(sessionId, 0, (int)OpCode.CreateSession, body, null);
        _ordering.AddWrite(sessionId, connect);
        ForwardedOf(sessionId).Enqueue(connect);
    }

    /// <summary>
    /// Learner: a client brings back a session (ZooKeeper's Learner.revalidate). The connection takes the session at
    /// once, so what the client pipelines behind its handshake queues behind it; the handshake is answered when the
    /// leader says whether the session lives.
    /// </summary>
    private void RevalidateWithLeader(Request connect, ConnectRequest record, Session? existing, int timeout)
    {
        var cnxn = connect.Cnxn!;
        var createdHere = existing is null;
        // Known to the leader but not yet here (its createSession still on the way): tracked now, dropped again if
        // the leader says it is gone. A learner never expires sessions, so the copy cannot end it early.
        var session = existing ?? Sessions.AddSession(record.SessionId, timeout, MonotonicNow());
        TakeOver(session, cnxn, timeout);
        _ordering.AddWrite(session.Id, connect);
        if (!_revalidating.TryGetValue(session.Id, out var waiting))
        {
            _revalidating[session.Id] = waiting = new Queue<(Request, bool)>();
        }
        waiting.Enqueue((connect, createdHere));
        _replication!.Revalidate(session.Id, timeout);
    }

    /// <summary>Learner: the leader's answer to the oldest revalidation of <paramref name="sessionId"/>.</summary>
    public void Revalidated(long sessionId, bool valid)
    {
        if (!_revalidating.TryGetValue(sessionId, out var waiting) || !waiting.TryDequeue(out var entry))
        {
            return;
        }
        if (waiting.Count == 0)
        {
            _revalidating.Remove(sessionId);
        }
        var (connect, createdHere) = entry;
        var cnxn = connect.Cnxn!;
        var record = (ConnectRequest)connect.Record!;
        Attach(cnxn);
        var session = Sessions.Get(sessionId);
        if (valid && session is { IsClosing: false })
        {
            Sessions.Touch(sessionId, MonotonicNow());
            NoteTouch(session);
            cnxn.StageRecord(new ConnectResponse(0, cnxn.SessionTimeout, sessionId, SessionTracker.PasswordFor(sessionId), false)
            {
                HasReadOnlyFlag = record.HasReadOnlyFlag,
            });
        }
        else
        {
            LogInvalidSession(sessionId, cnxn.Remote.ToString());
            if (createdHere && session is not null && session.Connection == cnxn && !_committedSessions.ContainsKey(sessionId))
            {
                Sessions.Remove(sessionId);
            }
            cnxn.StageRecord(new ConnectResponse(0, 0, 0, new byte[16], false) { HasReadOnlyFlag = record.HasReadOnlyFlag });
            cnxn.StageClose();
        }
        _ordering.Applied(sessionId, connect, _released);
        RunReleased();
    }

    /// <summary>Learner: the local request a txn from the leader answers, if any (its session's oldest, same cxid).</summary>
    private Request? MatchForwarded(TxnHeader header)
    {
        if (!_forwarded.TryGetValue(header.ClientId, out var queue) || !queue.TryPeek(out var oldest) || oldest.Xid != header.Cxid)
        {
            return null;
        }
        queue.Dequeue();
        if (queue.Count == 0)
        {
            _forwarded.Remove(header.ClientId);
        }
        return oldest;
    }

    /// <summary>Learner: the leader's SYNC answers the oldest forwarded sync; the session's later reads may run.</summary>
    public void LeaderSynced()
    {
        if (!_forwardedSyncs.TryDequeue(out var sync) || sync.Cnxn is not { } cnxn)
        {
            return;
        }
        // The commits that preceded SYNC on the leader's stream are applied (and their watch events staged) before
        // the sync's reply, so the client sees them first.
        ApplyCommitted();
        Attach(cnxn);
        ExecuteNonTxn(sync, cnxn);
        _ordering.Applied(cnxn.SessionId, sync, _released);
        RunReleased();
    }

    /// <summary>Learner: the sessions touched since the last call, as a ping reply lists them (id, timeout).</summary>
    public byte[] TakeSessionTouches()
    {
        var touches = new byte[_touchedSessions.Count * 12];
        var offset = 0;
        foreach (var (id, timeout) in _touchedSessions)
        {
            BinaryPrimitives.WriteInt64BigEndian(touches.AsSpan(offset), id);
            BinaryPrimitives.WriteInt32BigEndian(touches.AsSpan(offset + 8), timeout);
            offset += 12;
        }
        _touchedSessions.Clear();
        return touches;
    }

    private void NoteTouch(Session session)
    {
        // A local session is this member's alone: the leader hears nothing of it (LearnerSessionTracker.touchSession).
        if (IsLearner && !session.IsLocal)
        {
            _touchedSessions[session.Id] = session.TimeoutMs;
        }
    }

    /// <summary>
    /// Leader: a request a learner forwarded. It goes through Prep with the session and auth ids it carries; the
    /// learner answers its client when the txn commits. A request of a session the leader does not know (expired,
    /// or never created) becomes a SessionExpired error txn, as ZooKeeper's PrepRequestProcessor logs it.
    /// </summary>
    public void ProcessForwarded(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = MonotonicNow();
        var session = Sessions.Get(request.SessionId);
        switch (request.Op)
        {
            case OpCode.CreateSession:
                var timeout = request.Record is int requested ? requested : Options.MinSessionTimeout;
                Sessions.AddSession(request.SessionId, timeout, now).Owner = request.Learner;
                var header = new TxnHeader(request.SessionId, 0, NextZxid(), WallNow(), (int)OpCode.CreateSession);
                Propose(new Proposal(header, new CreateSessionTxn(timeout), request, null), ordered: false);
                return;
            case OpCode.Sync:
                if (_proposals.Count == 0)
                {
                    _replication!.SyncReady(request.Learner);
                }
                else
                {
                    _syncBarriers.Add((_zxids.Last, request.Learner));
                }
                return;
        }
        if (session is null && request.Op != OpCode.CloseSession && IsOtherMembersLocalSession(request.SessionId))
        {
            // A learner's local session: the leader does not track it, and takes its writes (not its ephemerals).
            ProposeWrite(request, null, null, request.AuthInfo ?? []);
            return;
        }
        if (session is null || session.IsClosing)
        {
            var expired = new TxnHeader(request.SessionId, request.Xid, NextZxid(), WallNow(), (int)OpCode.Error);
            Propose(new Proposal(expired, new ErrorTxn((int)ErrorCode.SessionExpired), request, null), ordered: false);
            return;
        }
        Sessions.Touch(session.Id, now);
        ProposeWrite(request, null, session, request.AuthInfo ?? []);
    }

    /// <summary>Leader: answers the learners' syncs whose barrier the applied txns have passed.</summary>
    private void ReleaseLearnerSyncs()
    {
        var applied = Tree.LastProcessedZxid;
        _syncBarriers.RemoveAll(barrier =>
        {
            if (barrier.Zxid > applied)
            {
                return false;
            }
            _replication!.SyncReady(barrier.Learner);
            return true;
        });
    }

    private Queue<Request> ForwardedOf(long sessionId)
    {
        if (!_forwarded.TryGetValue(sessionId, out var queue))
        {
            queue = new Queue<Request>();
            _forwarded.Add(sessionId, queue);
        }
        return queue;
    }

    private static byte[] Serialize(IJuteRecord record)
    {
        using var buffer = new FrameBuffer(256);
        record.Serialize(new JuteWriter(buffer));
        return buffer.ToArray();
    }
}
