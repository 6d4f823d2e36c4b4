using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Threading.Channels;
using ZkNet.Protocol;
using ZkNet.Protocol.Records;
using ZkNet.Quorum.Auth;
using ZkNet.Quorum.Configuration;
using ZkNet.Quorum.Zab;

namespace ZkNet.Quorum.Transport;

/// <summary>
/// Runs a <see cref="ZabLearner"/> over a TCP connection to a leader's quorum port, on real time: packets are read
/// one at a time and fed to the learner, its packets are written by a sender task (flushing when its queue runs
/// empty, as ZooKeeper does), and its timers are checked every half tick. After each input the database's durable
/// zxid is read and, when it moved, reported to the learner. Under sslQuorum (<see cref="QuorumTls"/>) the connection
/// is TLS, its handshake part of each connection attempt; under quorum SASL (<see cref="QuorumSasl"/>) it authenticates
/// before its first packet, and a refusal ends the attempt.
/// </summary>
public sealed partial class LearnerDriver : ILearnerOutput, IAsyncDisposable
{
    private readonly ZabLearner _learner;
    private readonly IZabDatabase _db;
    private readonly ZabOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<Action> _run;
    private readonly QuorumTls? _tls;
    private readonly QuorumSasl? _sasl;
    private readonly object _gate = new();
    private readonly Channel<(QuorumPacket, IZabSnapshot?)> _outgoing = Channel.CreateUnbounded<(QuorumPacket, IZabSnapshot?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<long> _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _quit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly PostCredits _posts = new(MaxBatchesPosted);
    private Socket? _socket;
    private long _reportedDurable;

    /// <summary>
    /// Drives <paramref name="learner"/>, whose database is <paramref name="db"/>. Every input reaches the learner
    /// through <paramref name="executor"/>, one at a time (a server posts them to its processor thread); by default
    /// each runs under the driver's lock. <paramref name="tls"/> (sslQuorum) makes the connection TLS;
    /// <paramref name="sasl"/> (quorum.auth.*) authenticates it.
    /// </summary>
    public LearnerDriver(ZabLearner learner, IZabDatabase db, ZabOptions options, TimeProvider? time = null, Action<Action>? executor = null,
        QuorumTls? tls = null, QuorumSasl? sasl = null)
    {
        _tls = tls;
        _sasl = sasl;
        _learner = learner;
        _db = db;
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

    /// <summary>Raised (on the executor) when synchronisation is over, before any later packet is taken.</summary>
    public event Action<long>? ServingStarted;

    /// <summary>Raised (on the executor) for the leader's answers to forwarded requests: SYNC and REVALIDATE.</summary>
    public event Action<QuorumPacket>? Answered;

    /// <summary>Lists the sessions touched since the last ping reply (on the executor); none when unset.</summary>
    public Func<byte[]>? SessionTouches { get; set; }

    /// <summary>Completes with the epoch once the learner serves.</summary>
    public Task<long> Serving => _serving.Task;

    /// <summary>Completes with the reason once the learner has left the leader.</summary>
    public Task<string> Quit => _quit.Task;

    /// <summary>Connects (retrying for up to initLimit ticks, the waits doubling from 5 ms to 100 ms) and runs until the learner quits.</summary>
    public async Task RunAsync(HostPort leader, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        if (await ConnectAsync(leader, token).ConfigureAwait(false) is not { } connection)
        {
            ((ILearnerOutput)this).Quit($"could not connect to the leader at {leader}");
            return;
        }
        var (socket, stream) = connection;
        _socket = socket;
        var input = new QuorumInput(stream);
        var sender = Task.Run(async () =>
        {
            if (!await QuorumPacketStream.SendLoopAsync(stream, _outgoing.Reader, token).ConfigureAwait(false))
            {
                ((ILearnerOutput)this).Quit("cannot write to the leader");
            }
        }, CancellationToken.None);
        var ticker = Task.Run(() => QuorumPacketStream.TickLoopAsync(HalfTick, _time, OnTick, token), CancellationToken.None);
        _run(() => _learner.Start(Now, this));
        try
        {
            while (!token.IsCancellationRequested && !_quit.Task.IsCompleted)
            {
                var packet = await input.ReadPacketAsync(MaxRecordLength, token).ConfigureAwait(false);
                var snapshot = packet.Type == QuorumPacketType.Snap ? await ReadSnapshotAsync(input, socket, token).ConfigureAwait(false) : null;
                // Every packet already received goes to the learner with this one, in one turn of the executor: a burst
                // of proposals and commits is logged as one batch, and acknowledged with one write.
                var batch = new List<QuorumPacket> { packet };
                while (batch.Count < MaxBatch && input.TryReadBuffered(MaxRecordLength, out var more))
                {
                    batch.Add(more!);
                }
                await _posts.TakeAsync(token).ConfigureAwait(false);
                _run(() =>
                {
                    try
                    {
                        foreach (var received in batch)
                        {
                            if (_quit.Task.IsCompleted)
                            {
                                break;
                            }
                            _learner.Receive(received, received == packet ? snapshot : null, Now, this);
                            if (received.Type is QuorumPacketType.Sync or QuorumPacketType.Revalidate && _learner.State == LearnerState.Broadcasting)
                            {
                                Answered?.Invoke(received);
                            }
                        }
                        ReportDurability();
                    }
                    finally
                    {
                        _posts.Return();
                    }
                });
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
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Tells the learner its log is durable up to <paramref name="zxid"/> (from the host's sync stage).</summary>
    public void LocalDurable(long zxid) => _run(() => _learner.LocalDurable(zxid, this));

    /// <summary>Sends a packet to the leader (a forwarded request, a revalidation).</summary>
    public void SendToLeader(QuorumPacket packet) => _outgoing.Writer.TryWrite((packet, null));

    /// <inheritdoc />
    void ILearnerOutput.Send(QuorumPacket packet) => _outgoing.Writer.TryWrite((packet, null));

    /// <inheritdoc />
    void ILearnerOutput.Serving(long epoch)
    {
        ServingStarted?.Invoke(epoch);
        _serving.TrySetResult(epoch);
    }

    /// <inheritdoc />
    byte[] ILearnerOutput.SessionTouches() => SessionTouches?.Invoke() ?? [];

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

    /// <summary>The connection to the leader (after its TLS handshake under sslQuorum), or null when none could be made in time.</summary>
    private async Task<(Socket Socket, Stream Stream)?> ConnectAsync(HostPort leader, CancellationToken cancellationToken)
    {
        // The new leader binds its port only once it has finished its own election, often a few milliseconds after
        // its followers: retry for up to initLimit ticks, first after 5 ms and doubling to 100 ms (ZooKeeper waits
        // leaderConnectDelayDuringRetryMs, 100 ms, every time, which adds 100 ms to most failovers). A failed TLS
        // handshake is retried the same way (ZooKeeper's connectToLeader does), and said once.
        var limit = TimeSpan.FromMilliseconds((long)_options.TickTime * _options.InitLimit);
        var started = _time.GetTimestamp();
        var handshakeFailed = false;
        var retryDelay = FirstRetryDelay;
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            var connected = false;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(limit);
                await socket.ConnectAsync(leader.Host, leader.Port, timeout.Token).ConfigureAwait(false);
                connected = true;
                var stream = await QuorumSockets.OpenAsync(socket, _tls, timeout.Token).ConfigureAwait(false);
                // A refused authentication is not retried: the learner quits and elects again (Learner.connectToLeader).
                if (!await SaslQuorumAuthLearner.AuthenticateAsync(_sasl, stream, $"the leader at {leader}", timeout.Token).ConfigureAwait(false))
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
                return (socket, stream);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException or AuthenticationException or IOException)
            {
                socket.Dispose();
                if (connected && !handshakeFailed && !cancellationToken.IsCancellationRequested)
                {
                    handshakeFailed = true;
                    LogHandshakeFailed(_tls?.Logger ?? NullLogger.Instance, leader.ToString(), ex.Message);
                }
                if (cancellationToken.IsCancellationRequested || _time.GetElapsedTime(started) + retryDelay >= limit)
                {
                    return null;
                }
                try
                {
                    await Task.Delay(retryDelay, _time, cancellationToken).ConfigureAwait(false);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, MaxRetryDelay.Ticks));
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }
    }

    private const int MaxBatch = 1024;
    private const int MaxBatchesPosted = 64;

    /// <summary>Batches of the leader's packets handed to the executor and not yet run (at most 64).</summary>
    internal int BatchesInFlight => _posts.InFlight;

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(100);

    private TimeSpan HalfTick => TimeSpan.FromMilliseconds(Math.Max(10, _options.TickTime / 2));

    private void OnTick() => _run(() => _learner.OnTimer(Now, this));

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS handshake with the leader at {Leader} failed: {Reason} (does it run with sslQuorum=true or portUnification=true, and do our trust stores hold each other's CA?); retrying until initLimit")]
    private static partial void LogHandshakeFailed(ILogger logger, string leader, string reason);
}
