using System.Net.Sockets;
using ZkNet.LoadGen.Measurement;
using ZkNet.LoadGen.Wire;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Load;

/// <summary>
/// Drives one session: keeps up to <c>window</c> requests outstanding, and after each batch of replies sends as
/// many new requests as came back, in one write. Replies must come back in the order sent (ZooKeeper answers a
/// connection's requests in FIFO order), so the outstanding requests are a ring matched against each reply's xid.
/// A single loop does everything, so nothing here needs a lock.
/// </summary>
internal sealed class LoadWorker : IFrameHandler
{
    private readonly BenchSession _session;
    private readonly OperationSource _source;
    private readonly RunClock _clock;
    private readonly long? _budget;
    private readonly int[] _xids;
    private readonly long[] _sentAt;
    private int _head;
    private int _outstanding;
    private long _measuredIssued;
    private bool _stopped;

    public LoadWorker(BenchSession session, OperationSource source, RunClock clock, int window, long? budget)
    {
        _session = session;
        _source = source;
        _clock = clock;
        _budget = budget;
        _xids = new int[window];
        _sentAt = new long[window];
    }

    public WorkerStats Stats { get; } = new();

    public OperationSource Source => _source;

    public BenchSession Session => _session;

    /// <summary>Runs until the measured time (or the request budget) is over and every reply is in.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            TopUp();
            while (_outstanding > 0)
            {
                await _session.FlushAsync(ct).ConfigureAwait(false);
                await _session.ReceiveAsync(ct).ConfigureAwait(false);
                _session.ProcessFrames(this);
                TopUp();
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            Stats.Failure = e is OperationCanceledException
                ? $"gave up with {_outstanding} replies outstanding (drain timeout)"
                : e.Message;
        }
    }

    public void OnFrame(ReadOnlySpan<byte> frame)
    {
        var reader = new JuteReader(frame);
        var header = ReplyHeader.Deserialize(ref reader);
        var now = RunClock.Now;
        if (header.Xid == Xids.Notification)
        {
            if (now >= _clock.MeasureStart && now < _clock.MeasureEnd)
            {
                Stats.Notifications++;
            }
            return;
        }
        if (header.Xid == Xids.Ping)
        {
            return;
        }
        if (_outstanding == 0 || _xids[_head] != header.Xid)
        {
            throw new IOException($"reply xid {header.Xid} does not match the oldest outstanding request");
        }
        var sentAt = _sentAt[_head];
        _head = _head + 1 == _xids.Length ? 0 : _head + 1;
        _outstanding--;
        if (sentAt < _clock.MeasureStart)
        {
            Stats.WarmupOperations++;
            return;
        }
        Stats.Operations++;
        Stats.Latency.Record(RunClock.ToNanoseconds(now - sentAt));
        Stats.LastMeasuredReply = now;
        if (header.Err != 0)
        {
            Stats.AddError(header.Err);
        }
    }

    private void TopUp()
    {
        while (!_stopped && _outstanding < _xids.Length)
        {
            var now = RunClock.Now;
            if (now >= _clock.MeasureEnd || (now >= _clock.MeasureStart && _measuredIssued >= _budget))
            {
                _stopped = true;
                return;
            }
            if (now >= _clock.MeasureStart)
            {
                _measuredIssued++;
            }
            var xid = _session.NextXid();
            _source.WriteNext(_session.Outgoing, xid);
            var tail = (_head + _outstanding) % _xids.Length;
            _xids[tail] = xid;
            _sentAt[tail] = now;
            _outstanding++;
        }
    }
}
