using System.Collections.Concurrent;
using System.Net;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;
using ZkNet.Server.Auth;
using ZkNet.Server.Watches;

namespace ZkNet.Server;

/// <summary>
/// A client connection as the server core sees it. The request processor stages replies and notifications into
/// a per-connection buffer in the order it produces them; at the end of a batch (after the txn log has synced
/// whatever the batch wrote) the staged buffer is handed to the transport with <see cref="Deliver"/>. Nobody sees
/// the effect of a write before it is durable, and a notification always leaves before any later reply.
/// </summary>
public abstract class ServerCnxn : IWatcher
{
    private const int MaxPooledBuffers = 256;
    private static readonly ConcurrentBag<FrameBuffer> BufferPool = [];
    private FrameBuffer? _staged;
    private bool _closeStaged;
    private int _stale;

    /// <summary>Creates a connection for a client at <paramref name="remote"/>.</summary>
    protected ServerCnxn(IPEndPoint remote)
    {
        Remote = remote;
        AuthInfo = [new Id("ip", remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().ToString() : remote.Address.ToString())];
        Established = DateTimeOffset.UtcNow;
    }

    /// <summary>The client's address.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>The session bound to this connection (0 until the handshake completes).</summary>
    public long SessionId { get; set; }

    /// <summary>The negotiated session timeout.</summary>
    public int SessionTimeout { get; set; }

    /// <summary>The identities this connection has (ip always; digest after addAuth).</summary>
    public List<Id> AuthInfo { get; }

    /// <summary>When the connection was accepted.</summary>
    public DateTimeOffset Established { get; }

    /// <summary>Statistics for cons/stat (updated by the processor thread; read racily by four-letter words).</summary>
    public CnxnStats Stats { get; } = new();

    /// <summary>Whether the processor has already decided to close this connection.</summary>
    public bool IsClosing { get; private set; }

    /// <summary>Set by the processor when the connection is in the current batch's list of connections to flush.</summary>
    internal bool InBatch { get; set; }

    /// <summary>The server-wide counters, set when the processor first sees this connection.</summary>
    internal ServerStats? ServerStats { get; set; }

    /// <summary>skipACL: set by the processor when it first sees this connection, so watch delivery checks as requests do.</summary>
    internal bool SkipAcl { get; set; }

    /// <summary>Called by the processor when it first stages output for this connection in a batch.</summary>
    internal Action<ServerCnxn>? OnFirstStage { get; set; }

    /// <summary>
    /// Whether the transport has lost or closed this connection (ZooKeeper's ServerCnxn.isStale): its requests still
    /// waiting in the request throttler are stale.
    /// </summary>
    public bool IsStale => Volatile.Read(ref _stale) != 0;

    /// <summary>Marks the connection closed for the request throttler (the transport calls it when the connection ends).</summary>
    public void MarkStale()
    {
        if (Interlocked.Exchange(ref _stale, 1) == 0)
        {
            Throttler?.OnConnectionStale();
        }
    }

    /// <summary>The request throttler this connection's requests pass through (set by it on the first; null when it is off).</summary>
    internal Throttling.RequestThrottler? Throttler;

    /// <summary>This connection's requests the throttler passed on and the processor has not answered (see RequestThrottler.Accounting).</summary>
    internal int ThrottleInProcess;

    /// <summary>The throttler dropped a request of this connection, so it drops every later one (throttler task only).</summary>
    internal bool ThrottleInvalid;

    /// <summary>Stages a reply header and optional body as one frame.</summary>
    public void StageReply(int xid, long zxid, ErrorCode err, IJuteRecord? body)
    {
        var buffer = Staged();
        var mark = buffer.BeginFrame();
        var writer = new JuteWriter(buffer);
        new ReplyHeader(xid, zxid, (int)err).Serialize(writer);
        body?.Serialize(writer);
        buffer.EndFrame(mark);
        CountSent();
        if (xid != Xids.Notification)
        {
            // An answer: the request it answers is no longer in process.
            Throttler?.Answered(this);
        }
    }

    /// <summary>Stages a record as one frame without a reply header (the ConnectResponse).</summary>
    public void StageRecord(IJuteRecord record)
    {
        var buffer = Staged();
        var mark = buffer.BeginFrame();
        record.Serialize(new JuteWriter(buffer));
        buffer.EndFrame(mark);
        CountSent();
        // The handshake's answer.
        Throttler?.Answered(this);
    }

    /// <summary>Stages unframed bytes (four-letter word answers).</summary>
    public void StageRaw(ReadOnlySpan<byte> bytes) => Staged().Write(bytes);

    /// <summary>Asks the transport to close the connection once everything staged so far has been written.</summary>
    public void StageClose()
    {
        Staged();
        _closeStaged = true;
        IsClosing = true;
    }

    /// <inheritdoc />
    public void Process(EventType type, string path, long zxid)
    {
        if (IsClosing)
        {
            return;
        }
        // ZooKeeper 3.8 sends notifications with zxid -1 in the reply header.
        StageReply(Xids.Notification, -1, ErrorCode.Ok, new WatcherEvent((int)type, (int)KeeperState.SyncConnected, path));
    }

    /// <summary>
    /// Delivers an event only when this connection's identities, as they are now (credentials added since the watch
    /// was set count), may READ the node whose ACL is <paramref name="acl"/>: ZooKeeper's fix for CVE-2024-23944
    /// checks every event of a triggered watch this way, so a persistent or recursive watch reveals no path below it
    /// that the watcher could not read.
    /// </summary>
    public void Process(EventType type, string path, long zxid, IReadOnlyList<Acl> acl)
    {
        if (!AclChecker.Check(acl, Perms.Read, AuthInfo, SkipAcl))
        {
            return;
        }
        Process(type, path, zxid);
    }

    /// <summary>Takes what was staged in this batch (processor thread).</summary>
    internal (FrameBuffer? Buffer, bool Close) TakeStaged()
    {
        var result = (_staged, _closeStaged);
        _staged = null;
        _closeStaged = false;
        InBatch = false;
        return result;
    }

    /// <summary>
    /// Hands a batch's output to the transport, to be written in order; when <paramref name="close"/> is set the
    /// connection closes after writing it. The transport returns the buffer with <see cref="ReturnBuffer"/>.
    /// Called from the processor or the sync stage; must not block.
    /// </summary>
    public abstract void Deliver(FrameBuffer buffer, bool close);

    /// <summary>
    /// Called on the processor thread as it takes one of this connection's client requests off the queue (or by the
    /// request throttler as it drops one): the transport counts its outstanding requests with it, to stop reading
    /// while too many are queued.
    /// </summary>
    protected internal virtual void OnRequestTaken()
    {
    }

    /// <summary>Returns a written buffer to the shared pool.</summary>
    public static void ReturnBuffer(FrameBuffer buffer)
    {
        // The pool keeps a bounded number of buffers: a burst of output (a flood of pipelined requests) must not pin
        // its peak in memory after the connections that caused it have gone. The rest go back to the array pool.
        if (buffer.WrittenCount > 4 * 1024 * 1024 || BufferPool.Count >= MaxPooledBuffers)
        {
            buffer.Dispose();
            return;
        }
        buffer.Clear();
        BufferPool.Add(buffer);
    }

    private void CountSent()
    {
        Stats.PacketsSent++;
        if (ServerStats is { } stats)
        {
            Interlocked.Increment(ref stats.PacketsSent);
        }
    }

    private FrameBuffer Staged()
    {
        if (_staged is null)
        {
            _staged = BufferPool.TryTake(out var pooled) ? pooled : new FrameBuffer(4096);
            if (!InBatch)
            {
                InBatch = true;
                OnFirstStage?.Invoke(this);
            }
        }
        return _staged;
    }
}
