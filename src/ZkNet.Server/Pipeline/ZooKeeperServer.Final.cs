using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.Server.DataTree;
using ZkNet.Server.Txn;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    private void ProcessClientRequest(Request request)
    {
        var cnxn = request.Cnxn!;
        Attach(cnxn);
        if (cnxn.IsClosing)
        {
            return;
        }
        var session = Sessions.Get(cnxn.SessionId);
        if (session is { IsClosing: true, ClosedByClient: true } && session.Connection == cnxn)
        {
            // The client asked to close; its connection ends with that reply. Anything it sent after is dropped.
            return;
        }
        if (session is null || session.IsClosing || session.Connection != cnxn)
        {
            // The session expired or moved to another connection: this connection is finished.
            cnxn.StageReply(request.Xid, 0, ErrorCode.SessionExpired, null);
            cnxn.StageClose();
            return;
        }
        Sessions.Touch(session.Id, MonotonicNow());
        NoteTouch(session);
        if (!EnforceAuthentication(request, cnxn))
        {
            return;
        }
        if (IsReadOnly && RefusedReadOnly(request, cnxn, session))
        {
            return;
        }
        if (session.IsLocal)
        {
            if (request.Op == OpCode.CloseSession)
            {
                // No txn: the close waits only for the session's earlier writes, as a read does.
                session.IsClosing = true;
                session.ClosedByClient = true;
                RunInOrder(request, cnxn, session);
                return;
            }
            if (IsTxnOp(request.Op))
            {
                CheckUpgradeSession(request, session);
            }
        }
        if (IsLearner && (IsTxnOp(request.Op) || request.Op is OpCode.CloseSession or OpCode.Sync))
        {
            ForwardRequest(request, cnxn, session);
            return;
        }
        if (IsTxnOp(request.Op) || request.Op == OpCode.CloseSession)
        {
            ProposeWrite(request, cnxn, session, cnxn.AuthInfo);
            return;
        }
        if (request.Op is OpCode.Auth)
        {
            // (A malformed auth packet never gets here: RequestDecoder refuses it and the connection closes.)
            // ZooKeeper answers auth ahead of its request pipeline (the client keeps a separate queue for it).
            ProcessAuth((AuthPacket)request.Record!, cnxn);
            return;
        }
        RunInOrder(request, cnxn, session);
    }

    /// <summary>Runs a request that makes no txn now, or after its session's writes in flight.</summary>
    private void RunInOrder(Request request, ServerCnxn cnxn, Sessions.Session session)
    {
        if (_ordering.IsBusy(session.Id))
        {
            // The session's own writes are still in flight: its read must see them, so it waits its turn.
            _ordering.AddWaiting(session.Id, request);
            return;
        }
        ExecuteNonTxn(request, cnxn);
    }

    /// <summary>Runs a request that makes no txn (a read, watch management, ping, sasl) and stages its reply.</summary>
    private void ExecuteNonTxn(Request request, ServerCnxn cnxn)
    {
        if (cnxn.IsClosing)
        {
            return;
        }
        var zxid = Dispatch(request, cnxn);
        RecordLatency(request, cnxn, zxid);
    }

    /// <summary>Runs one request that makes no txn and stages its reply; returns the zxid the reply carried.</summary>
    private long Dispatch(Request request, ServerCnxn cnxn)
    {
        if (request.DecodeError is not null)
        {
            LogMalformedRequest(request.Op.ToString(), cnxn.Remote.ToString(), request.DecodeError);
            cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, ErrorCode.MarshallingError, null);
            return Tree.LastProcessedZxid;
        }
        switch (request.Op)
        {
            case OpCode.Ping:
                cnxn.StageReply(Xids.Ping, Tree.LastProcessedZxid, ErrorCode.Ok, null);
                return Tree.LastProcessedZxid;
            case OpCode.Sasl:
                ProcessSasl(request, cnxn);
                return 0;
            case OpCode.CloseSession:
                CloseLocalSession(request, cnxn);
                return Tree.LastProcessedZxid;
            default:
                if (!IsReadOp(request.Op))
                {
                    // ZooKeeper's UnimplementedRequestProcessor: answer Unimplemented, then close.
                    LogUnknownOp((int)request.Op, cnxn.Remote.ToString());
                    cnxn.StageReply(request.Xid, -1, ErrorCode.Unimplemented, null);
                    cnxn.StageClose();
                    return 0;
                }
                var err = ProcessRead(request, cnxn, out var body);
                cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, err, err == ErrorCode.Ok ? body : null);
                return Tree.LastProcessedZxid;
        }
    }

    /// <summary>The ops that ZooKeeper turns into a txn (or an error txn) at a zxid of their own.</summary>
    private static bool IsTxnOp(OpCode op) => op is OpCode.Create or OpCode.Create2 or OpCode.CreateContainer
        or OpCode.CreateTtl or OpCode.Delete or OpCode.SetData or OpCode.SetAcl or OpCode.Check or OpCode.Reconfig
        or OpCode.Multi;

    /// <summary>
    /// Whether a write comes from where the session's client is (this server, or the learner that forwarded it). A
    /// session whose owner is not known yet (recovered, or created before this leader) takes the writer's.
    /// </summary>
    private static bool OwnsSession(Sessions.Session session, Request request)
    {
        session.Owner ??= request.Learner;
        return session.Owner == request.Learner;
    }

    /// <summary>
    /// Prep for a client write: validate, take the next zxid, build the txn (or the error txn ZooKeeper logs for a
    /// failed write) and propose it. The reply is staged when the txn is applied, on <paramref name="cnxn"/>, or
    /// (null: a learner forwarded the request) by the learner that forwarded it.
    /// </summary>
    private void ProposeWrite(Request request, ServerCnxn? cnxn, Sessions.Session? session, IReadOnlyList<Id> authInfo)
    {
        var zxid = NextZxid();
        var sessionId = session?.Id ?? request.SessionId;
        IJuteRecord body;
        int type;
        if (request.Op == OpCode.CloseSession && session is not null)
        {
            session.IsClosing = true;
            session.ClosedByClient = true;
            type = (int)OpCode.CloseSession;
            body = PrepCloseSession(sessionId);
        }
        else if (session is not null && !OwnsSession(session, request))
        {
            // (A learner's local session, unknown here, has no owner to check: ZooKeeper's leader tracks none.)
            // The client has moved the session to another server since it sent this (ZooKeeper's checkSession). A
            // multi fails on its first operation, as ZooKeeper checks the session per operation.
            (type, body) = request is { Op: OpCode.Multi, Record: MultiRequest { Ops.Count: > 0 } moved }
                ? ((int)OpCode.Multi, FailedMulti(moved.Ops.Count, ErrorCode.SessionMoved))
                : ((int)OpCode.Error, (IJuteRecord)new ErrorTxn((int)ErrorCode.SessionMoved));
        }
        else if (request.DecodeError is not null
            || (request.Op == OpCode.Multi && ((MultiRequest)request.Record!).Ops.Any(op => op.Type is OpCode.GetData or OpCode.GetChildren)))
        {
            // A record that does not decode (ZooKeeper's PrepRequestProcessor takes the zxid before it reads a
            // write's record), or a multi that mixes reads into writes (which ZooKeeper refuses to decode):
            // MarshallingError, logged as an error txn at its own zxid; the connection stays open.
            if (request.DecodeError is not null)
            {
                LogMalformedRequest(request.Op.ToString(), cnxn?.Remote.ToString() ?? "a learner", request.DecodeError);
            }
            type = (int)OpCode.Error;
            body = new ErrorTxn((int)ErrorCode.MarshallingError);
        }
        else if (request.Op == OpCode.Multi)
        {
            body = PrepMulti((MultiRequest)request.Record!, authInfo, sessionId);
            type = (int)OpCode.Multi;
        }
        else
        {
            var err = PrepTxn(request.Op, request.Record, authInfo, sessionId, out type, out var txn);
            (type, body) = err == ErrorCode.Ok ? (type, txn!) : ((int)OpCode.Error, new ErrorTxn((int)err));
        }
        var header = new TxnHeader(sessionId, request.Xid, zxid, WallNow(), type);
        Propose(new Proposal(header, body, request, cnxn), ordered: cnxn is not null);
    }

    /// <summary>
    /// Preps every operation of a multi against the request's view. On the first failure the remaining operations
    /// become RuntimeInconsistency errors, as ZooKeeper logs a failed multi; the view is then dropped by
    /// <see cref="Propose"/>.
    /// </summary>
    private static MultiOps FailedMulti(int count, ErrorCode first) =>
        new([.. Enumerable.Range(0, count).Select(i =>
            new TxnOp((int)OpCode.Error, new ErrorTxn((int)(i == 0 ? first : ErrorCode.RuntimeInconsistency))))]);

    private MultiOps PrepMulti(MultiRequest multi, IReadOnlyList<Id> authInfo, long sessionId)
    {
        var ops = new List<TxnOp>(multi.Ops.Count);
        var failed = false;
        foreach (var op in multi.Ops)
        {
            if (failed)
            {
                ops.Add(new TxnOp((int)OpCode.Error, new ErrorTxn((int)ErrorCode.RuntimeInconsistency)));
                continue;
            }
            var err = PrepTxn(op.Type, op.Record, authInfo, sessionId, out var type, out var txn);
            if (err == ErrorCode.Ok)
            {
                ops.Add(new TxnOp(type, txn!));
            }
            else
            {
                failed = true;
                ops.Add(new TxnOp((int)OpCode.Error, new ErrorTxn((int)err)));
            }
        }
        return new MultiOps(ops);
    }

    private static IJuteRecord? WriteReplyBody(OpCode op, ProcessTxnResult result) => op switch
    {
        OpCode.Create => new CreateResponse(result.Path!),
        OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => new Create2Response(result.Path!, result.Stat!.Value),
        OpCode.SetData => new SetDataResponse(result.Stat!.Value),
        OpCode.SetAcl => new SetAclResponse(result.Stat!.Value),
        OpCode.Multi => new MultiResponse(result.MultiResult!.Select(MultiResultOf).ToList()),
        _ => null,
    };

    private static MultiResult MultiResultOf(ProcessTxnResult r)
    {
        if (r.Type == (int)OpCode.Error || r.Err != 0)
        {
            return new MultiResult((int)OpCode.Error, r.Err, null);
        }
        return (OpCode)r.Type switch
        {
            OpCode.Create => new MultiResult(r.Type, 0, new CreateResponse(r.Path!)),
            OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl => new MultiResult(r.Type, 0, new Create2Response(r.Path!, r.Stat!.Value)),
            OpCode.SetData => new MultiResult(r.Type, 0, new SetDataResponse(r.Stat!.Value)),
            _ => new MultiResult(r.Type, 0, null),
        };
    }

    private void ProcessAuth(AuthPacket auth, ServerCnxn cnxn)
    {
        var ok = false;
        // Null digest credentials fail, as ZooKeeper's digest provider fails on them (and answers AuthFailed).
        if (auth.Scheme == DigestAuthenticationProvider.Scheme && auth.Auth is not null)
        {
            var digest = DigestAuthenticationProvider.GenerateDigest(System.Text.Encoding.UTF8.GetString(auth.Auth));
            ok = true;
            if (Options.SuperDigest is not null && digest == Options.SuperDigest)
            {
                AddAuth(cnxn, new Id("super", ""));
            }
            AddAuth(cnxn, new Id(DigestAuthenticationProvider.Scheme, digest));
        }
        else if (auth.Scheme == IpAuthenticationProvider.Scheme)
        {
            ok = true;
        }
        if (!ok)
        {
            // ZooKeeper answers an unknown scheme or bad credentials with AuthFailed and closes the connection.
            LogAuthFailed(auth.Scheme, cnxn.Remote.ToString());
            CountAuthFailed();
            cnxn.StageReply(Xids.Auth, 0, ErrorCode.AuthFailed, null);
            cnxn.StageClose();
            return;
        }
        cnxn.StageReply(Xids.Auth, 0, ErrorCode.Ok, null);
    }

    private static void AddAuth(ServerCnxn cnxn, Id id)
    {
        if (!cnxn.AuthInfo.Contains(id))
        {
            cnxn.AuthInfo.Add(id);
        }
    }

    private void RecordLatency(Request request, ServerCnxn cnxn, long zxid, bool update = false)
    {
        var latency = (long)Stopwatch.GetElapsedTime(request.ReceivedTimestamp).TotalMilliseconds;
        Stats.AddLatency(latency);
        RecordOpLatency(latency, update);
        var stats = cnxn.Stats;
        stats.LastOp = ShortName(request.Op);
        stats.LastCxid = request.Xid;
        stats.LastZxid = zxid;
        stats.LastResponseTime = WallNow();
        stats.LastLatency = latency;
        stats.TotalLatency += latency;
        stats.Count++;
        stats.MinLatency = Math.Min(stats.MinLatency, latency);
        stats.MaxLatency = Math.Max(stats.MaxLatency, latency);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed {Op} request from {Remote}: {Reason}")]
    private partial void LogMalformedRequest(string op, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Received packet of unknown type {Type} from {Remote}; closing")]
    private partial void LogUnknownOp(int type, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Authentication with scheme {Scheme} failed for {Remote}")]
    private partial void LogAuthFailed(string scheme, string remote);
}
