using Microsoft.Extensions.Logging;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Server.Sessions;

namespace ZkNet.Server.Pipeline;

/// <summary>
/// Read-only mode (ZooKeeper's ReadOnlyZooKeeperServer, <c>readonlymode.enabled</c>): an ensemble member cut off
/// from its quorum serves the tree it last had to clients that said they accept a read-only server. Nothing here
/// changes the tree: sessions are this server's alone (no createSession txn, no zxid), writes and sync are answered
/// NotReadOnly, and a session the ensemble knows is refused, so its client keeps looking for a read-write member.
/// </summary>
public sealed partial class ZooKeeperServer
{
    private HashSet<long> _ensembleSessions = [];

    /// <summary>True while serving read-only (see <see cref="ServeReadOnly"/>).</summary>
    public bool IsReadOnly => Role == ServerRole.ReadOnly;

    /// <summary>
    /// Before <see cref="Start"/>: serve the tree read-only. <paramref name="ensembleSessions"/> are the sessions the
    /// ensemble had committed; their clients are turned away, as ZooKeeper refuses to renew a global session here.
    /// </summary>
    public void ServeReadOnly(IEnumerable<long> ensembleSessions)
    {
        ArgumentNullException.ThrowIfNull(ensembleSessions);
        _ensembleSessions = [.. ensembleSessions];
        _replication = null;
        Role = ServerRole.ReadOnly;
        _serving = true;
    }

    /// <summary>The handshake in read-only mode, after the checks every role makes.</summary>
    private void ProcessReadOnlyConnect(ConnectRequest connect, ServerCnxn cnxn, int timeout)
    {
        if (connect.SessionId == 0)
        {
            var session = Sessions.AddSession(Sessions.NextSessionId(), timeout, MonotonicNow());
            session.Owner = LocalOwner;
            Bind(session, cnxn, timeout);
            LogReadOnlySession(session.Id, cnxn.Remote.ToString());
            cnxn.StageRecord(new ConnectResponse(0, timeout, session.Id, SessionTracker.PasswordFor(session.Id), true)
            {
                HasReadOnlyFlag = connect.HasReadOnlyFlag,
            });
            return;
        }
        if (_ensembleSessions.Contains(connect.SessionId))
        {
            LogRefusingEnsembleSession(connect.SessionId, cnxn.Remote.ToString());
            cnxn.StageClose();
            return;
        }
        var existing = Sessions.Get(connect.SessionId);
        var expected = SessionTracker.PasswordFor(connect.SessionId);
        if (existing is null || existing.IsClosing || connect.Passwd is null || !expected.AsSpan().SequenceEqual(connect.Passwd))
        {
            LogInvalidSession(connect.SessionId, cnxn.Remote.ToString());
            cnxn.StageRecord(new ConnectResponse(0, 0, 0, new byte[16], true) { HasReadOnlyFlag = connect.HasReadOnlyFlag });
            cnxn.StageClose();
            return;
        }
        TakeOver(existing, cnxn, timeout);
        Sessions.Touch(existing.Id, MonotonicNow());
        cnxn.StageRecord(new ConnectResponse(0, timeout, existing.Id, expected, true) { HasReadOnlyFlag = connect.HasReadOnlyFlag });
    }

    /// <summary>
    /// A client request that would change state: ZooKeeper's ReadOnlyRequestProcessor answers NotReadOnly (sync
    /// included, since there is no leader to sync with); a closeSession ends the session here. False for the rest.
    /// </summary>
    private bool RefusedReadOnly(Request request, ServerCnxn cnxn, Session session)
    {
        if (request.Op == OpCode.CloseSession)
        {
            EndLocalSession(session, cnxn);
            cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, ErrorCode.Ok, null);
            cnxn.StageClose();
            return true;
        }
        if (!IsTxnOp(request.Op) && request.Op != OpCode.Sync)
        {
            return false;
        }
        cnxn.StageReply(request.Xid, Tree.LastProcessedZxid, ErrorCode.NotReadOnly, null);
        return true;
    }

    /// <summary>Read-only sessions expire here, without a txn: their connection closes and their watches go.</summary>
    private void ExpireReadOnlySessions()
    {
        foreach (var session in Sessions.PollExpired(MonotonicNow()))
        {
            LogSessionExpired(session.Id, session.TimeoutMs);
            EndLocalSession(session, null);
        }
    }

    /// <summary>
    /// After this server is disposed: drops every watch in its tree. A member's tree outlives the server that
    /// served it (a role, or a read-only spell while electing); the clients it served reconnect elsewhere and set
    /// their watches again.
    /// </summary>
    public void ReleaseWatches()
    {
        foreach (var manager in new[] { Tree.DataWatches, Tree.ChildWatches })
        {
            foreach (var watcher in manager.ByWatcher().Select(w => w.Watcher).ToList())
            {
                manager.RemoveWatcher(watcher);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read-only session 0x{SessionId:x} established for client {Remote}")]
    private partial void LogReadOnlySession(long sessionId, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refusing session request for not-read-only client {Remote}")]
    private partial void LogRefusingReadWriteClient(string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refusing global session reconnection in RO mode: session 0x{SessionId:x} from {Remote}")]
    private partial void LogRefusingEnsembleSession(long sessionId, string remote);
}
