using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.DataTree;
using ZkNet.Server.Sessions;
using ZkNet.Server.Txn;

namespace ZkNet.Server.Pipeline;

public sealed partial class ZooKeeperServer
{
    /// <summary>Txns proposed and not yet applied, in zxid order.</summary>
    private readonly Queue<Proposal> _proposals = new();

    /// <summary>This batch's proposals, for the log.</summary>
    private readonly List<LoggedTxn> _batchTxns = [];

    private readonly SessionOrdering _ordering = new();
    private readonly List<Request> _released = [];

    /// <summary>
    /// The sessions as the committed txns leave them (ZooKeeper's ZKDatabase sessionsWithTimeouts): what a
    /// snapshot records. The tracker also holds sessions whose createSession is still in flight.
    /// </summary>
    private readonly Dictionary<long, int> _committedSessions = [];

    /// <summary>The highest zxid whose txn may be applied (written by the commit policy, read by the processor).</summary>
    private long _committedZxid;

    /// <summary>Set when the log failed: nothing in flight will ever commit.</summary>
    private volatile bool _commitsFailed;

    /// <summary>Number of txns proposed and not yet applied.</summary>
    public int PendingProposals => _proposals.Count;

    /// <summary>
    /// The one proposal path: a txn built by Prep joins the outstanding changes (unless it is an error or a failed
    /// multi, which change nothing), goes to this batch's log append, and waits for its commit. Nothing of it is
    /// visible to any client before it is applied.
    /// </summary>
    private void Propose(Proposal proposal, bool ordered)
    {
        var changesTree = proposal.Header.Type != (int)OpCode.Error && proposal.Body is not MultiOps { Failed: true };
        proposal.Digest = DigestAfter(proposal, changesTree);
        if (changesTree)
        {
            _pending.Add(_view.Values, proposal.Zxid);
        }
        _view.Clear();
        _proposals.Enqueue(proposal);
        _batchTxns.Add(new LoggedTxn(proposal.Header, proposal.Body, proposal.Digest));
        if (ordered && proposal.Request is { } request)
        {
            _ordering.AddWrite(proposal.Header.ClientId, request);
        }
        if (Role == ServerRole.Leading)
        {
            _replication!.Propose(proposal.Header, proposal.Body, proposal.Digest);
        }
        else if (_txnLog is null)
        {
            // In-memory mode: nothing to wait for, a proposal commits as soon as it is made.
            Volatile.Write(ref _committedZxid, proposal.Zxid);
            ApplyCommitted();
        }
    }

    /// <summary>Applies, in zxid order, every proposal the commit policy has released.</summary>
    private void ApplyCommitted()
    {
        if (_commitsFailed)
        {
            AbandonProposals();
            return;
        }
        var committed = Volatile.Read(ref _committedZxid);
        while (_proposals.TryPeek(out var proposal) && proposal.Zxid <= committed)
        {
            _proposals.Dequeue();
            ApplyProposal(proposal);
        }
        if (_syncBarriers.Count > 0)
        {
            ReleaseLearnerSyncs();
        }
    }

    /// <summary>
    /// The commit applier: applies one committed txn to the tree and the sessions (which fires watches, so
    /// notifications are staged before the reply), answers the request it came from, and lets the session's
    /// waiting reads run.
    /// </summary>
    private void ApplyProposal(Proposal proposal)
    {
        var header = proposal.Header;
        var result = ApplyTxn(header, proposal.Body, proposal.Origin);
        CompareDigest(header, proposal.Digest);
        _pending.ReleaseUpTo(header.Zxid);
        if (proposal is { Request: { } request, Origin: { } cnxn })
        {
            Attach(cnxn);
            if (!cnxn.IsClosing)
            {
                Reply(request, cnxn, header, proposal.Body, result);
            }
            if (request.Kind == RequestKind.Client)
            {
                RecordLatency(request, cnxn, header.Zxid, update: true);
            }
            _ordering.Applied(header.ClientId, request, _released);
            RunReleased();
        }
    }

    private static void Reply(Request request, ServerCnxn cnxn, TxnHeader header, IJuteRecord body, ProcessTxnResult result)
    {
        switch ((OpCode)header.Type)
        {
            case OpCode.CreateSession:
                var timeout = ((CreateSessionTxn)body).TimeOut;
                cnxn.StageRecord(new ConnectResponse(0, timeout, header.ClientId, SessionTracker.PasswordFor(header.ClientId), false)
                {
                    HasReadOnlyFlag = request.Record is ConnectRequest { HasReadOnlyFlag: true },
                });
                break;
            case OpCode.CloseSession:
                cnxn.StageReply(request.Xid, header.Zxid, ErrorCode.Ok, null);
                cnxn.StageClose();
                break;
            case var _ when IsSessionMoved(result):
                // The client took its session to another server since it sent this: ZooKeeper closes this
                // connection without an answer (ZOOKEEPER-710), so a client that still has it sees it drop and
                // reconnects rather than acting on a stale view.
                cnxn.StageClose();
                break;
            case var _ when request is { LocalError: { } refused, Op: not OpCode.Multi }:
                // Refused before it was forwarded (EphemeralOnLocalSession): that is the answer, whatever the leader
                // logged for it (ZooKeeper's FinalRequestProcessor throws the request's own exception).
                cnxn.StageReply(request.Xid, header.Zxid, refused, null);
                break;
            default:
                cnxn.StageReply(request.Xid, header.Zxid, (ErrorCode)result.Err, result.Err == 0 ? WriteReplyBody(request.Op, result) : null);
                break;
        }
    }

    private static bool IsSessionMoved(ProcessTxnResult result) =>
        result.Err == (int)ErrorCode.SessionMoved || result.MultiResult?.Exists(r => r.Err == (int)ErrorCode.SessionMoved) == true;

    /// <summary>
    /// Applies a committed txn to the tree and to the sessions. A closeSession also ends the session's connection
    /// here (unless it is <paramref name="replyTo"/>, which is closed after its reply).
    /// </summary>
    private ProcessTxnResult ApplyTxn(TxnHeader header, IJuteRecord body, ServerCnxn? replyTo)
    {
        var result = Tree.ProcessTxn(header, body);
        switch ((OpCode)header.Type)
        {
            case OpCode.CreateSession when body is CreateSessionTxn create:
                _committedSessions[header.ClientId] = create.TimeOut;
                if (Sessions.Get(header.ClientId) is null)
                {
                    // A session proposed elsewhere (a learner applying its leader's txn).
                    Sessions.AddSession(header.ClientId, create.TimeOut, MonotonicNow());
                }
                break;
            case OpCode.CloseSession:
                _committedSessions.Remove(header.ClientId);
                if (Sessions.Get(header.ClientId) is { } session)
                {
                    Sessions.Remove(session.Id);
                    DropConnection(session, replyTo);
                }
                break;
            default:
                break;
        }
        return result;
    }

    /// <summary>
    /// A session has ended: its connection's watches go, and the connection closes (unless it is
    /// <paramref name="replyTo"/>, which closes after its reply).
    /// </summary>
    private void DropConnection(Session session, ServerCnxn? replyTo)
    {
        if (session.Connection is not { } cnxn)
        {
            return;
        }
        Tree.DataWatches.RemoveWatcher(cnxn);
        Tree.ChildWatches.RemoveWatcher(cnxn);
        if (cnxn != replyTo)
        {
            Attach(cnxn);
            cnxn.StageClose();
        }
    }

    /// <summary>Runs the reads that the last applied write released, in their session's order.</summary>
    private void RunReleased()
    {
        if (_released.Count == 0)
        {
            return;
        }
        // A released read never applies a txn, so it cannot add to the list while it is walked.
        try
        {
            foreach (var request in _released)
            {
                ExecuteNonTxn(request, request.Cnxn!);
            }
        }
        finally
        {
            _released.Clear();
        }
    }

    /// <summary>
    /// The log failed: nothing in flight will be applied or acknowledged. Their clients' connections close, so
    /// nobody waits for an answer that will never come.
    /// </summary>
    private void AbandonProposals()
    {
        while (_proposals.TryDequeue(out var proposal))
        {
            if (proposal.Origin is { } cnxn)
            {
                Attach(cnxn);
                cnxn.StageClose();
            }
        }
        _pending.Clear();
        _ordering.Clear();
    }
}
