using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Auth;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Runs a <see cref="ZabLeader"/> on the quorum port on real time: accepts learners, reads each one's packets and
/// feeds them to the leader one input at a time, writes what the leader sends through one sender task per learner
/// (a SNAP's snapshot serialized onto the stream right behind its packet), and checks the leader's timers every half
/// tick. Under <see cref="QuorumTls"/> a learner's connection is admitted once its TLS handshake is done (or refused
/// when plain), under <see cref="QuorumSasl"/> once it authenticated.
/// </summary>
public sealed class LeaderDriver : ILeaderOutput, IAsyncDisposable
{
    private readonly ZabLeader _leader;
    private readonly HostPort _address;
    private readonly ZabOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<Action> _run;
    private readonly QuorumTls? _tls;
    private readonly QuorumSasl? _sasl;
    private readonly object _gate = new();
    private readonly Dictionary<long, Channel<(QuorumPacket Packet, IZabSnapshot? Snapshot)>> _outgoing = [];
    private readonly Dictionary<long, Socket> _sockets = [];
    private readonly Dictionary<long, LearnerLink> _links = [];
    private readonly TaskCompletionSource<long> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _stepDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private TcpListener? _listener;
    private long _nextHandle;

    /// <summary>
    /// Drives <paramref name="leader"/> on <paramref name="address"/>. Every input reaches the leader through
    /// <paramref name="executor"/>, one at a time (a server posts them to its processor thread, so the protocol and
    /// the server share one view of the state); by default each runs under the driver's lock. <paramref name="tls"/>
    /// (sslQuorum, portUnification) makes learners' connections TLS; <paramref name="sasl"/> (quorum.auth.*) authenticates them.
    /// </summary>
    public LeaderDriver(ZabLeader leader, HostPort address, ZabOptions options, TimeProvider? time = null, Action<Action>? executor = null,
        QuorumTls? tls = null, QuorumSasl? sasl = null)
    {
        _tls = tls;
        _sasl = sasl;
        _leader = leader;
        _address = address;
        _options = options;
        _time = time ?? TimeProvider.System;
        _run = executor ?? (action =>
        {
            lock (_gate)
            {
                action();
            }
        });
    }

    /// <summary>Completes with the epoch once a quorum has acknowledged NEWLEADER.</summary>
    public Task<long> Established => _established.Task;

    /// <summary>Completes with the reason once the leader steps down.</summary>
    public Task<string> SteppedDown => _stepDown.Task;

    /// <summary>Raised (on the executor) for each committed txn, in zxid order.</summary>
    public event Action<ZabTxn>? Committed;

    /// <summary>
    /// Raised (on the executor) for each request, revalidation and ping reply a learner forwards, with the learner's
    /// connection handle (for <see cref="Send"/>) and its server id.
    /// </summary>
    public event Action<long, long, QuorumPacket>? Forwarded;

    /// <summary>Raised (on the executor) when the epoch is established, before any learner request is taken.</summary>
    public event Action<long>? EpochEstablished;

    /// <summary>The leader's figures (learners, proposal sizes), readable from any thread.</summary>
    public LeaderView View => _leader.View;

    /// <summary>A learner connection's address and traffic, or null once it closed.</summary>
    public LearnerLink? Link(long handle)
    {
        lock (_gate)
        {
            return _links.GetValueOrDefault(handle);
        }
    }

    /// <summary>
    /// Called with a learner's server id and how many packets wait in its queue each time one is queued
    /// (ZooKeeper's learner_handler_qp_size).
    /// </summary>
    public Action<long, long>? QueueSizeObserved { get; set; }

    /// <summary>
    /// Called with a learner's server id and how long a packet waited in its queue, in milliseconds, once written
    /// (ZooKeeper's learner_handler_qp_time_ms).
    /// </summary>
    public Action<long, long>? QueueTimeObserved { get; set; }

    /// <summary>
    /// Called (on the executor) each time a learner's synchronisation starts, with DIFF, TRUNC or SNAP (ZooKeeper
    /// counts them as diff_count and snap_count).
    /// </summary>
    public Action<QuorumPacketType>? SyncStarted { get; set; }

    /// <summary>Binds the quorum port and starts leading.</summary>
    public void Start()
    {
        _listener = new TcpListener(IPAddress.Parse(_address.Host), _address.Port);
        // A member that led before binds the port again; connections of its last term may linger in TIME_WAIT.
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _run(() => _leader.Start(Now, this));
        _tasks.Add(Task.Run(AcceptLoopAsync));
        _tasks.Add(Task.Run(() => QuorumPacketStream.TickLoopAsync(TimeSpan.FromMilliseconds(Math.Max(10, _options.TickTime / 2)), _time, OnTick, _stop.Token)));
    }

    /// <summary>
    /// Proposes a txn (its zxid must follow the last one proposed); false when the leader stepped down instead. Call
    /// it on the executor.
    /// </summary>
    public bool Propose(ZabTxn txn)
    {
        lock (_gate)
        {
            return _leader.Propose(txn, this);
        }
    }

    /// <summary>The leader's own log is durable up to <paramref name="zxid"/> (from any thread).</summary>
    public void LocalDurable(long zxid) => _run(() => _leader.LocalDurable(zxid, this));

    /// <summary>Sends a packet to a learner (answers to its SYNC and REVALIDATE); call it on the executor.</summary>
    public void Send(long handle, QuorumPacket packet) => ((ILeaderOutput)this).Send(handle, packet, null);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        lock (_gate)
        {
            foreach (var socket in _sockets.Values)
            {
                socket.Dispose();
            }
            foreach (var channel in _outgoing.Values)
            {
                channel.Writer.TryComplete();
            }
        }
        Task[] running;
        lock (_tasks)
        {
            // Connections being admitted add tasks of their own meanwhile.
            running = [.. _tasks];
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        _stop.Dispose();
    }

    void ILeaderOutput.Send(long handle, QuorumPacket packet, IZabSnapshot? snapshot)
    {
        if (packet.Type is QuorumPacketType.Diff or QuorumPacketType.Trunc or QuorumPacketType.Snap)
        {
            SyncStarted?.Invoke(packet.Type);
        }
        lock (_gate)
        {
            if (_outgoing.TryGetValue(handle, out var channel) && channel.Writer.TryWrite((packet, snapshot))
                && _links.GetValueOrDefault(handle) is { } link)
            {
                // Sends come from the leader itself, on the executor, so its learner table may be read here.
                var sid = _leader.SidOf(handle);
                var depth = link.Queued(sid, Now);
                if (sid >= 0)
                {
                    QueueSizeObserved?.Invoke(sid, depth);
                }
            }
        }
    }

    void ILeaderOutput.Close(long handle, string reason)
    {
        lock (_gate)
        {
            if (_sockets.Remove(handle, out var socket))
            {
                socket.Dispose();
            }
            if (_outgoing.Remove(handle, out var channel))
            {
                channel.Writer.TryComplete();
            }
            _links.Remove(handle);
        }
    }

    void ILeaderOutput.Established(long epoch)
    {
        EpochEstablished?.Invoke(epoch);
        _established.TrySetResult(epoch);
    }

    void ILeaderOutput.Committed(ZabTxn txn) => Committed?.Invoke(txn);

    void ILeaderOutput.Forwarded(long handle, long sid, QuorumPacket packet) => Forwarded?.Invoke(handle, sid, packet);

    void ILeaderOutput.StepDown(string reason)
    {
        _established.TrySetException(new InvalidOperationException("the leader stepped down: " + reason));
        _stepDown.TrySetResult(reason);
    }

    private const int MaxPacketData = 64 * 1024 * 1024;
    private const int MaxBatch = 1024;
    private const int MaxBatchesPosted = 64;

    private long Now => (long)_time.GetElapsedTime(0).TotalMilliseconds;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            socket.NoDelay = true;
            // Plain, this completes at once; a TLS handshake runs on its own, so a silent peer never holds up the loop.
            var admitting = AdmitAsync(socket);
            lock (_tasks)
            {
                _tasks.Add(admitting);
            }
        }
    }

    /// <summary>Makes an accepted learner's connection known to the leader and starts its loops.</summary>
    private async Task AdmitAsync(Socket socket)
    {
        var remote = socket.RemoteEndPoint?.ToString() ?? "";
        // Quorum SASL before the learner's first packet, as ZooKeeper's LearnerHandler authenticates in its constructor.
        if (await QuorumSockets.AcceptAsync(socket, _tls, "quorum", _stop.Token).ConfigureAwait(false) is not { } accepted
            || await SaslQuorumAuthServer.AuthenticateAsync(_sasl, accepted, $"learner {remote}", _stop.Token).ConfigureAwait(false) is not { } stream)
        {
            return;
        }
        var channel = Channel.CreateUnbounded<(QuorumPacket, IZabSnapshot?)>(new UnboundedChannelOptions { SingleReader = true });
        long handle;
        var link = new LearnerLink(remote, _time.GetUtcNow().ToUnixTimeMilliseconds());
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                // Disposal has closed the other connections already; this one would outlive it.
                stream.Dispose();
                return;
            }
            handle = ++_nextHandle;
            _sockets[handle] = socket;
            _outgoing[handle] = channel;
            _links[handle] = link;
        }
        _run(() => _leader.LearnerConnected(handle, Now));
        lock (_tasks)
        {
            _tasks.Add(Task.Run(() => SendLoopAsync(handle, stream, channel.Reader, link)));
            _tasks.Add(Task.Run(() => ReceiveLoopAsync(handle, socket, stream, link)));
        }
    }

    private async Task ReceiveLoopAsync(long handle, Socket socket, Stream stream, LearnerLink link)
    {
        var input = new QuorumInput(stream);
        var posts = new PostCredits(MaxBatchesPosted);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var packet = await input.ReadPacketAsync(MaxPacketData, _stop.Token).ConfigureAwait(false);
                // Every packet already received is handed over with this one, in one turn of the executor.
                var batch = new List<QuorumPacket> { packet };
                while (batch.Count < MaxBatch && input.TryReadBuffered(MaxPacketData, out var more))
                {
                    batch.Add(more!);
                }
                link.CountReceived(batch.Count);
                await posts.TakeAsync(_stop.Token).ConfigureAwait(false);
                _run(() =>
                {
                    try
                    {
                        foreach (var received in batch)
                        {
                            _leader.Receive(handle, received, Now, this);
                        }
                    }
                    finally
                    {
                        posts.Return();
                    }
                });
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        _run(() =>
        {
            _leader.LearnerClosed(handle);
            ((ILeaderOutput)this).Close(handle, "connection closed");
        });
        socket.Dispose();
    }

    /// <summary>
    /// Writes what the leader queues for one learner. When that fails (the connection broke, or a SNAP's snapshot
    /// could not be made), the connection is closed at once: the learner reconnects and is synchronised again rather
    /// than waiting out its timeout on a stream that will carry nothing more.
    /// </summary>
    private async Task SendLoopAsync(long handle, Stream stream, ChannelReader<(QuorumPacket Packet, IZabSnapshot? Snapshot)> queue, LearnerLink link)
    {
        if (!await QuorumPacketStream.SendLoopAsync(stream, queue, CancellationToken.None, () => OnWritten(link)).ConfigureAwait(false))
        {
            ((ILeaderOutput)this).Close(handle, "sending to the learner failed");
        }
    }

    private void OnWritten(LearnerLink link)
    {
        var (sid, queuedAt) = link.Written();
        if (sid >= 0)
        {
            QueueTimeObserved?.Invoke(sid, Now - queuedAt);
        }
    }

    private void OnTick() => _run(() => _leader.OnTimer(Now, this));
}
