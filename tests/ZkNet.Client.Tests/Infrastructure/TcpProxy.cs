using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy between a client and a server, so tests can cut connections: <see cref="DropAll"/> closes
/// every proxied connection; <see cref="Refuse"/> closes new ones as soon as they arrive (the server looks down);
/// <see cref="FreezeAll"/> makes the current connections swallow every byte without closing (a silent partition).
/// It counts the bytes the client sends, so a test can await traffic such as pings.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Pair> _pairs = [];
    private readonly Task _acceptLoop;
    private readonly Lock _trafficGate = new();
    private TaskCompletionSource _traffic = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _clientBytes;
    private long _lastToClient = Stopwatch.GetTimestamp();
    private volatile bool _refusing;
    private int _accepted;

    /// <summary>Starts proxying 127.0.0.1:<see cref="Port"/> to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public TcpProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>The proxy's port.</summary>
    public int Port { get; }

    /// <summary>host:port for clients.</summary>
    public string ConnectString => $"127.0.0.1:{Port}";

    /// <summary>Connections accepted and forwarded so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Bytes received from clients so far (forwarded or swallowed).</summary>
    public long ClientBytes => Interlocked.Read(ref _clientBytes);

    /// <summary>
    /// Time since bytes were last passed on to a client: a client cannot have heard anything for at least this long
    /// (it reads them a moment after they are passed on).
    /// </summary>
    public TimeSpan SinceLastToClient => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastToClient));

    /// <summary>Closes every connection currently proxied.</summary>
    public void DropAll()
    {
        foreach (var pair in TakePairs())
        {
            pair.Close();
        }
    }

    /// <summary>While set, new connections are closed at once (and existing ones are not affected).</summary>
    public void Refuse(bool refuse) => _refusing = refuse;

    /// <summary>From now on, the current connections deliver nothing in either direction; later ones are unaffected.</summary>
    public void FreezeAll()
    {
        lock (_pairs)
        {
            foreach (var pair in _pairs)
            {
                pair.Frozen = true;
            }
        }
    }

    /// <summary>Waits until clients have sent at least <paramref name="bytes"/> bytes in all.</summary>
    public async Task WaitForClientBytesAsync(long bytes, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Waits.Timeout);
        while (ClientBytes < bytes)
        {
            Task changed;
            lock (_trafficGate)
            {
                changed = _traffic.Task;
            }
            if (ClientBytes >= bytes)
            {
                return;
            }
            await changed.WaitAsync(cts.Token);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        try
        {
            await _acceptLoop;
        }
        catch (Exception)
        {
        }
        _stop.Dispose();
    }

    private List<Pair> TakePairs()
    {
        lock (_pairs)
        {
            var pairs = _pairs.ToList();
            _pairs.Clear();
            return pairs;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }
            if (_refusing)
            {
                client.Close();
                continue;
            }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
            }
            catch (Exception)
            {
                client.Close();
                server.Close();
                continue;
            }
            var pair = new Pair(client, server);
            lock (_pairs)
            {
                _pairs.Add(pair);
            }
            Interlocked.Increment(ref _accepted);
            _ = PumpAsync(client, server, pair, fromClient: true);
            _ = PumpAsync(server, client, pair, fromClient: false);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Pair pair, bool fromClient)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    break;
                }
                if (fromClient)
                {
                    Interlocked.Add(ref _clientBytes, read);
                    TaskCompletionSource signalled;
                    lock (_trafficGate)
                    {
                        signalled = _traffic;
                        _traffic = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                    signalled.TrySetResult();
                }
                if (!pair.Frozen)
                {
                    if (!fromClient)
                    {
                        Interlocked.Exchange(ref _lastToClient, Stopwatch.GetTimestamp());
                    }
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
                }
            }
        }
        catch (Exception)
        {
        }
        pair.Close();
        lock (_pairs)
        {
            _pairs.Remove(pair);
        }
    }

    private sealed class Pair(Socket client, Socket server)
    {
        private int _closed;

        public volatile bool Frozen;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 1)
            {
                return;
            }
            client.Close();
            server.Close();
        }
    }
}
