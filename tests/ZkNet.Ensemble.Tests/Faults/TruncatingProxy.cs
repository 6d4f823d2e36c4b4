using System.Net;
using System.Net.Sockets;

namespace ZkNet.Ensemble.Tests.Faults;

/// <summary>
/// A loopback proxy in front of a leader's quorum port that, while <see cref="Truncating"/>, passes a learner's
/// connection on until the leader has sent <see cref="Limit"/> bytes and then closes both sides: the learner sees
/// its stream end part way through whatever it was reading (a SNAP's snapshot, when the limit lies inside it).
/// Otherwise it forwards everything.
/// </summary>
internal sealed class TruncatingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private int _truncated;
    private volatile bool _truncating = true;

    public TruncatingProxy(int targetPort, long limit)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        Limit = limit;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes from the leader passed on before a connection is cut.</summary>
    public long Limit { get; }

    /// <summary>Whether new connections are cut at <see cref="Limit"/> (from the start); false forwards them whole.</summary>
    public bool Truncating
    {
        get => _truncating;
        set => _truncating = value;
    }

    /// <summary>Connections cut so far.</summary>
    public int Truncated => Volatile.Read(ref _truncated);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket learner;
            try
            {
                learner = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(learner, _truncating ? Limit : long.MaxValue);
        }
    }

    private async Task ForwardAsync(Socket learner, long limit)
    {
        var leader = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        lock (_sockets)
        {
            _sockets.Add(learner);
            _sockets.Add(leader);
        }
        try
        {
            await leader.ConnectAsync(_target, _stop.Token);
            var up = PumpAsync(learner, leader, long.MaxValue);
            var down = PumpAsync(leader, learner, limit);
            await Task.WhenAny(up, down);
            if (down.IsCompleted && await down)
            {
                Interlocked.Increment(ref _truncated);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            // Either side ending (or the cut) ends the connection for both, as a reset would.
            learner.Dispose();
            leader.Dispose();
        }
    }

    /// <summary>Copies until the source closes (false) or <paramref name="limit"/> bytes were passed (true: cut).</summary>
    private async Task<bool> PumpAsync(Socket from, Socket to, long limit)
    {
        var buffer = new byte[64 * 1024];
        var passed = 0L;
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - passed)), _stop.Token);
                if (read == 0)
                {
                    return false;
                }
                await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
                passed += read;
                if (passed >= limit)
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            return false;
        }
    }
}
