using System.Net.Sockets;
using System.Threading.Channels;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Runs a <see cref="ZabLearner"/> over a TCP connection to a leader's quorum port, on real time: packets are read
/// one at a time and fed to the learner, its packets are written by a sender task (flushing when its queue runs
/// empty, as ZooKeeper does), and its timers are checked every half tick. After each input the database's durable
/// zxid is read and, when it moved, reported to the learner.
/// </summary>
public sealed class LearnerDriver : ILearnerOutput, IAsyncDisposable
{
    private readonly ZabLearner _learner;
    private readonly IZabDatabase _db;
    private readonly ZabOptions _options;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Channel<(QuorumPacket, byte[]?)> _outgoing = Channel.CreateUnbounded<(QuorumPacket, byte[]?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<long> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _quit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private long _reportedDurable;

    /// <summary>Drives <paramref name="learner"/>, whose database is <paramref name="db"/>.</summary>
    public LearnerDriver(ZabLearner learner, IZabDatabase db, ZabOptions options, TimeProvider? time = null)
    {
        _learner = learner;
        _db = db;
        _options = options;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Completes with the epoch once the learner serves.</summary>
    public Task<long> Serving => _serving.Task;

    /// <summary>Completes with the reason once the learner has left the leader.</summary>
    public Task<string> Quit => _quit.Task;

    /// <summary>Connects (up to five tries a second apart, as ZooKeeper's learner) and runs until the learner quits.</summary>
    public async Task RunAsync(HostPort leader, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        var socket = await ConnectAsync(leader, token).ConfigureAwait(false);
        if (socket is null)
        {
            ((ILearnerOutput)this).Quit($"could not connect to the leader at {leader}");
            return;
        }
        _socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: false);
        var buffered = new BufferedStream(stream, 65536);
        var sender = Task.Run(async () =>
        {
            if (!await QuorumPacketStream.SendLoopAsync(stream, _outgoing.Reader, token).ConfigureAwait(false))
            {
                ((ILearnerOutput)this).Quit("cannot write to the leader");
            }
        }, CancellationToken.None);
        var ticker = Task.Run(() => QuorumPacketStream.TickLoopAsync(HalfTick, _time, OnTick, token), CancellationToken.None);
        lock (_gate)
        {
            _learner.Start(Now, this);
        }
        try
        {
            while (!token.IsCancellationRequested && !_quit.Task.IsCompleted)
            {
                var (packet, snapshot) = await QuorumPacketStream.ReadAsync(buffered, 64 * 1024 * 1024, token).ConfigureAwait(false);
                lock (_gate)
                {
                    _learner.Receive(packet, snapshot, Now, this);
                    ReportDurability();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or InvalidDataException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            ((ILearnerOutput)this).Quit("connection to the leader lost: " + ex.Message);
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            socket.Dispose();
            await Task.WhenAll(sender, ticker).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the learner its log is durable up to <paramref name="zxid"/> (from the host's sync stage).</summary>
    public void LocalDurable(long zxid)
    {
        lock (_gate)
        {
            _learner.LocalDurable(zxid, this);
        }
    }

    /// <inheritdoc />
    void ILearnerOutput.Send(QuorumPacket packet) => _outgoing.Writer.TryWrite((packet, null));

    /// <inheritdoc />
    void ILearnerOutput.Serving(long epoch) => _serving.TrySetResult(epoch);

    /// <inheritdoc />
    void ILearnerOutput.Quit(string reason)
    {
        if (_quit.TrySetResult(reason))
        {
            _serving.TrySetException(new InvalidOperationException("the learner left the leader: " + reason));
            _socket?.Dispose();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        _stop.Dispose();
    }

    private long Now => (long)_time.GetElapsedTime(0).TotalMilliseconds;

    private void ReportDurability()
    {
        var durable = _db.LastLoggedZxid;
        if (durable != _reportedDurable)
        {
            _reportedDurable = durable;
            _learner.LocalDurable(durable, this);
        }
    }

    private async Task<Socket?> ConnectAsync(HostPort leader, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromMilliseconds((long)_options.TickTime * _options.SyncLimit));
                await socket.ConnectAsync(leader.Host, leader.Port, timeout.Token).ConfigureAwait(false);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
        return null;
    }

    private TimeSpan HalfTick => TimeSpan.FromMilliseconds(Math.Max(10, _options.TickTime / 2));

    private void OnTick()
    {
        lock (_gate)
        {
            _learner.OnTimer(Now, this);
        }
    }
}
