using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;
using Tree = ZkNet.Server.DataTree.DataTree;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// The ensemble side of the server. The replication protocol's inputs are posted to the processor thread, so ZAB,
/// Prep and the commit applier share one thread and one view of the tree. A leader proposes through
/// <see cref="IReplication.Propose"/> and commits when told; a learner forwards writes and applies what its leader
/// proposes and commits.
/// </summary>
public sealed partial class ZooKeeperServer
{
    [ThreadStatic]
    private static ZooKeeperServer? t_processing;

    private readonly ConcurrentQueue<Action> _posted = new();
    private IReplication? _replication;
    private volatile bool _serving = true;
    private long _durableZxid;

    /// <summary>The role; standalone unless <see cref="PrepareForEnsemble"/> was called.</summary>
    public ServerRole Role { get; private set; } = ServerRole.Standalone;

    /// <summary>True while clients are served (always standalone; an ensemble member once synchronised).</summary>
    public bool IsServing => _serving;

    /// <summary>The last zxid the local log holds durably.</summary>
    public long DurableZxid => Volatile.Read(ref _durableZxid);

    /// <summary>
    /// Makes this server an ensemble member's, before <see cref="Start"/>: it refuses clients until
    /// <see cref="StartServing"/>, proposes through <paramref name="replication"/> (null for a member that is only
    /// looking for a leader), and reports durability instead of committing on it. <paramref name="durableZxid"/>
    /// is the last zxid its log already holds.
    /// </summary>
    public void PrepareForEnsemble(IReplication? replication, long durableZxid)
    {
        _replication = replication;
        _durableZxid = durableZxid;
        Role = ServerRole.Looking;
        _serving = false;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the processor thread: at once when called there, else queued ahead of the
    /// next batch. Work posted to a stopped server is dropped.
    /// </summary>
    public void Post(Action action)
    {
        if (t_processing == this)
        {
            action();
            return;
        }
        _posted.Enqueue(action);
        // A full queue means the processor is busy: it runs posted work at the start and end of every batch.
        _requests.Writer.TryWrite(RunWake);
    }

    /// <summary>An ensemble member's configuration text, published in /zookeeper/config when it starts serving.</summary>
    public (byte[] Text, long Version)? EnsembleConfig { get; set; }

    /// <summary>Synchronised: serve clients in <paramref name="role"/>; a leader proposes from (epoch &lt;&lt; 32) + 1.</summary>
    public void StartServing(ServerRole role, long epoch)
    {
        if (EnsembleConfig is { } config)
        {
            Tree.PublishConfig(config.Text, config.Version, WallNow());
        }
        if (role == ServerRole.Leading)
        {
            _zxids.StartEpoch((int)epoch);
        }
        Role = role;
        _serving = true;
        ServingStarted?.Invoke();
    }

    /// <summary>Raised (on the processor thread) when <see cref="StartServing"/> has opened the server to clients.</summary>
    public event Action? ServingStarted;

    /// <summary>
    /// Learner: a txn the leader proposed (or informed of) goes to the log, with the leader's tree digest after it when
    /// the leader sent one (checked when the txn is applied, as on the leader), and waits for its commit.
    /// </summary>
    public void AppendFromLeader(TxnHeader header, IJuteRecord body, long? digest = null)
    {
        var request = MatchForwarded(header);
        var digestKept = Tree.DigestEnabled ? digest : null;
        _proposals.Enqueue(new Proposal(header, body, request, request?.Cnxn) { Digest = digestKept });
        _batchTxns.Add(new LoggedTxn(header, body, digestKept));
        _zxids.Reset(header.Zxid);
    }

    /// <summary>Every txn up to <paramref name="zxid"/> is committed: they are applied at the end of this batch.</summary>
    public void CommitUpTo(long zxid)
    {
        if (zxid > Volatile.Read(ref _committedZxid))
        {
            Volatile.Write(ref _committedZxid, zxid);
        }
    }

    /// <summary>Applies a committed txn straight to the state (a learner's SNAP or TRUNC sync, before serving).</summary>
    public void ApplyDirect(TxnHeader header, IJuteRecord body)
    {
        ApplyTxn(header, body, null);
        _zxids.Reset(header.Zxid);
        Volatile.Write(ref _committedZxid, header.Zxid);
    }

    /// <summary>Replaces the state (a learner loaded its leader's snapshot or truncated its log), before serving.</summary>
    public void ResetState(Tree tree, IReadOnlyDictionary<long, int> sessions)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(sessions);
        Tree = tree;
        foreach (var session in Sessions.Sessions.ToList())
        {
            Sessions.Remove(session.Id);
        }
        _committedSessions.Clear();
        RestoreSessions(sessions);
        _zxids.Reset(tree.LastProcessedZxid);
        Volatile.Write(ref _committedZxid, tree.LastProcessedZxid);
    }

    /// <summary>
    /// After this server is disposed: its committed state for the member's next role (ZooKeeper keeps its database
    /// across elections too). The watches of the clients it served go; those clients reconnect and set them again.
    /// </summary>
    public (Tree Tree, Dictionary<long, int> Sessions) DetachState()
    {
        ReleaseWatches();
        return (Tree, new Dictionary<long, int>(_committedSessions));
    }

    /// <summary>The ids of the committed sessions (before <see cref="Start"/>, or on the processor thread).</summary>
    public IEnumerable<long> CommittedSessionIds => _committedSessions.Keys;

    /// <summary>Sets the durable zxid the protocol reports (after a snapshot is persisted or the log truncated).</summary>
    public void SetDurableZxid(long zxid) => Volatile.Write(ref _durableZxid, zxid);

    /// <summary>
    /// Leader: a learner's ping reported a client's activity on a session (the timeout it also carries is the one
    /// the session already has: it was fixed by the createSession txn).
    /// </summary>
    public void TouchSession(long sessionId) => Sessions.Touch(sessionId, MonotonicNow());

    /// <summary>
    /// Leader: a learner asks whether a session a client brings to it is alive (REVALIDATE); touches it, and the
    /// learner becomes its owner, so writes still arriving through the session's old server are SessionMoved.
    /// </summary>
    public bool RevalidateSession(long sessionId, long learner)
    {
        // A local session is not the ensemble's: it cannot move (LeaderZooKeeperServer.checkIfValidGlobalSession).
        if (Sessions.Get(sessionId) is not { IsClosing: false, IsLocal: false } session || !Sessions.Touch(sessionId, MonotonicNow()))
        {
            return false;
        }
        session.Owner = learner;
        return true;
    }

    private static readonly Request RunWake = new() { Kind = RequestKind.Run };

    private void RunPosted()
    {
        while (_posted.TryDequeue(out var action))
        {
            try
            {
                action();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One protocol input that fails must not stop the processor; the protocol notices what is missing.
                LogPostedFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Work posted by the replication protocol failed")]
    private partial void LogPostedFailed(Exception ex);
}
