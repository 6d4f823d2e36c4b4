using System.Net;
using System.Net.Sockets;

namespace ZkNet.TestSupport;

/// <summary>Finds a loopback TCP port nobody is listening on, for servers that must be told their port up front.</summary>
public static class FreePort
{
    /// <summary>Asks the OS for an ephemeral port on 127.0.0.1 and releases it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
