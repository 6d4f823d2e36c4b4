using System.Net;
using System.Net.Sockets;

namespace ZkNet.Quorum.Tests.Auth;

/// <summary>Two ends of one loopback TCP connection, as a learner and the member it connects to hold them.</summary>
internal sealed class SocketPair : IAsyncDisposable
{
    private SocketPair(NetworkStream connecting, NetworkStream accepted)
    {
        Connecting = connecting;
        Accepted = accepted;
    }

    /// <summary>The end that connected (a learner).</summary>
    public NetworkStream Connecting { get; }

    /// <summary>The end that accepted (the member authenticating it).</summary>
    public NetworkStream Accepted { get; }

    public static async Task<SocketPair> OpenAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accepting = listener.AcceptSocketAsync();
        await client.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var server = await accepting.WaitAsync(TimeSpan.FromSeconds(10));
        return new SocketPair(new NetworkStream(client, ownsSocket: true), new NetworkStream(server, ownsSocket: true));
    }

    public async ValueTask DisposeAsync()
    {
        await Connecting.DisposeAsync();
        await Accepted.DisposeAsync();
    }
}
