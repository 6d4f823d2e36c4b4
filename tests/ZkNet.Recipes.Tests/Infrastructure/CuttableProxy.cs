using System.Net;
using System.Net.Sockets;

namespace ZkNet.Recipes.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy in front of a server whose links can be cut: <see cref="Cut"/> drops every connection and
/// refuses new ones until <see cref="Restore"/>, so a client loses its connection (not its session) while other
/// clients keep using the server directly.
/// </summary>
public sealed class CuttableProxy : IAsyncDisposable
{
    private readonly int _target;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    /// <summary>Starts forwarding a free loopback port to <paramref name="targetPort"/>.</summary>
    public CuttableProxy(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>"127.0.0.1:port" of the proxy.</summary>
    public string ConnectString => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Drops every connection; new ones are closed at once until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_open)
        {
            foreach (var client in _open)
            {
                client.Dispose();
            }
            _open.Clear();
        }
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore() => _cut = false;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception)
        {
            // Stopping.
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (_cut)
            {
                inbound.Dispose();
                continue;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            }
            catch (SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_open)
            {
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception)
        {
            // Either side went away.
        }
        from.Dispose();
        to.Dispose();
    }
}
