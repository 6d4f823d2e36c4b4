using System.Net;
using System.Net.Sockets;

namespace ZkNet.Client.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy between a client and a server, so tests can cut connections: <see cref="DropAll"/> closes
/// every proxied connection; <see cref="Refuse"/> closes new ones as soon as they arrive (the server looks down);
/// <see cref="Freeze"/> stops forwarding bytes without closing anything (a silent network partition).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Pair> _pairs = [];
    private readonly Task _acceptLoop;
    private volatile bool _refusing;
    private volatile bool _frozen;
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

    /// <summary>Closes every connection currently proxied.</summary>
    public void DropAll()
    {
        List<Pair> pairs;
        lock (_pairs)
        {
            pairs = [.. _pairs];
            _pairs.Clear();
        }
        foreach (var pair in pairs)
        {
            pair.Close();
        }
    }

    /// <summary>While set, new connections are closed at once (and existing ones are not affected).</summary>
    public void Refuse(bool refuse) => _refusing = refuse;

    /// <summary>While set, no byte is forwarded in either direction; nothing is closed.</summary>
    public void Freeze(bool freeze) => _frozen = freeze;

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
            _ = PumpAsync(client, server, pair);
            _ = PumpAsync(server, client, pair);
        }
    }

    private async Task PumpAsync(Socket from, Socket to, Pair pair)
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
                while (_frozen)
                {
                    // Hold the bytes back; a frozen link drops nothing, it just delivers nothing.
                    await Task.Delay(20, _stop.Token);
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
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
