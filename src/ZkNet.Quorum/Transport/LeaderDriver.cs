using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Runs a <see cref="ZabLeader"/> on the quorum port on real time: accepts learners, reads each one's packets and
/// feeds them to the leader one input at a time, writes what the leader sends through one sender task per learner
/// (a SNAP's snapshot right behind its packet), and checks the leader's timers every half tick.
/// </summary>
public sealed class LeaderDriver : ILeaderOutput, IAsyncDisposable
{
    private readonly ZabLeader _leader;
    private readonly HostPort _address;
    private readonly ZabOptions _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Dictionary<long, Channel<(QuorumPacket Packet, byte[]? Snapshot)>> _outgoing = [];
    private readonly Dictionary<long, Socket> _sockets = [];
    private readonly TaskCompletionSource<long> _established = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _stepDown = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private TcpListener? _listener;
    private long _nextHandle;

    /// <summary>Drives <paramref name="leader"/> on <paramref name="address"/>.</summary>
    public LeaderDriver(ZabLeader leader, HostPort address, ZabOptions options, TimeProvider? time = null)
    {
        _leader = leader;
        _address = address;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Completes with the epoch once a quorum has acknowledged NEWLEADER.</summary>
    public Task<long> Established => _established.Task;

    /// <summary>Completes with the reason once the leader steps down.</summary>
    public Task<string> SteppedDown => _stepDown.Task;

    /// <summary>Raised (under the driver's lock) for each committed txn, in zxid order.</summary>
    public event Action<ZabTxn>? Committed;

    /// <summary>Raised (under the driver's lock) for each request, revalidation and ping reply a learner forwards.</summary>
    public event Action<long, QuorumPacket>? Forwarded;

    /// <summary>Binds the quorum port and starts leading.</summary>
    public void Start()
    {
        _listener = new TcpListener(IPAddress.Parse(_address.Host), _address.Port);
        _listener.Start();
        lock (_gate)
        {
            _leader.Start(Now, this);
        }
        _tasks.Add(Task.Run(AcceptLoopAsync));
        _tasks.Add(Task.Run(() => QuorumPacketStream.TickLoopAsync(TimeSpan.FromMilliseconds(Math.Max(10, _options.TickTime / 2)), _time, OnTick, _stop.Token)));
    }

    /// <summary>Proposes a txn (its zxid must follow the last one proposed); false when the leader stepped down instead.</summary>
    public bool Propose(ZabTxn txn)
    {
        lock (_gate)
        {
            return _leader.Propose(txn, this);
        }
    }

    /// <summary>The leader's own log is durable up to <paramref name="zxid"/>.</summary>
    public void LocalDurable(long zxid)
    {
        lock (_gate)
        {
            _leader.LocalDurable(zxid, this);
        }
    }

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
        await Task.WhenAll(_tasks).ConfigureAwait(false);
        _stop.Dispose();
    }

    void ILeaderOutput.Send(long handle, QuorumPacket packet, byte[]? snapshot)
    {
        if (_outgoing.TryGetValue(handle, out var channel))
        {
            channel.Writer.TryWrite((packet, snapshot));
        }
    }

    void ILeaderOutput.Close(long handle, string reason)
    {
        if (_sockets.Remove(handle, out var socket))
        {
            socket.Dispose();
        }
        if (_outgoing.Remove(handle, out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    void ILeaderOutput.Established(long epoch) => _established.TrySetResult(epoch);

    void ILeaderOutput.Committed(ZabTxn txn) => Committed?.Invoke(txn);

    void ILeaderOutput.Forwarded(long handle, long sid, QuorumPacket packet) => Forwarded?.Invoke(sid, packet);

    void ILeaderOutput.StepDown(string reason)
    {
        _established.TrySetException(new InvalidOperationException("the leader stepped down: " + reason));
        _stepDown.TrySetResult(reason);
    }

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
            var channel = Channel.CreateUnbounded<(QuorumPacket, byte[]?)>(new UnboundedChannelOptions { SingleReader = true });
            long handle;
            lock (_gate)
            {
                handle = ++_nextHandle;
                _sockets[handle] = socket;
                _outgoing[handle] = channel;
                _leader.LearnerConnected(handle, Now);
            }
            var stream = new NetworkStream(socket, ownsSocket: false);
            lock (_tasks)
            {
                _tasks.Add(Task.Run(() => QuorumPacketStream.SendLoopAsync(stream, channel.Reader, CancellationToken.None)));
                _tasks.Add(Task.Run(() => ReceiveLoopAsync(handle, socket, stream)));
            }
        }
    }

    private async Task ReceiveLoopAsync(long handle, Socket socket, NetworkStream stream)
    {
        var buffered = new BufferedStream(stream, 65536);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var (packet, _) = await QuorumPacketStream.ReadAsync(buffered, 64 * 1024 * 1024, _stop.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    _leader.Receive(handle, packet, Now, this);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        lock (_gate)
        {
            _leader.LearnerClosed(handle);
            ((ILeaderOutput)this).Close(handle, "connection closed");
        }
        socket.Dispose();
    }

    private void OnTick()
    {
        lock (_gate)
        {
            _leader.OnTimer(Now, this);
        }
    }
}
