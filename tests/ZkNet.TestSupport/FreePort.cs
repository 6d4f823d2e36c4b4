using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZkNet.TestSupport;

/// <summary>
/// Finds a loopback TCP port nobody is listening on, for servers that must be told their port up front (ensemble
/// members name each other's ports in their configs before any of them binds).
/// </summary>
/// <remarks>
/// Ports are picked below the kernel's ephemeral range (ip_local_port_range), so a port handed out here and bound a
/// moment later cannot meanwhile become the local port of some outgoing connection, which a port the OS chose for
/// bind(0) can (both come from the ephemeral range). A port is never handed out twice by one test process.
/// </remarks>
public static class FreePort
{
    private const int LowestPort = 12000;
    private static readonly HashSet<int> Given = [];
    private static readonly int EphemeralLow = ReadEphemeralLow();

    /// <summary>A free port on 127.0.0.1 that this process has not handed out before.</summary>
    public static int Next()
    {
        lock (Given)
        {
            if (EphemeralLow - LowestPort >= 2000)
            {
                for (var attempt = 0; attempt < 500; attempt++)
                {
                    var port = Random.Shared.Next(LowestPort, EphemeralLow);
                    if (!Given.Contains(port) && CanListen(port))
                    {
                        Given.Add(port);
                        return port;
                    }
                }
            }
            // No room below the ephemeral range (or all of it busy): let the OS choose.
            while (true)
            {
                var port = OsChosen();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(1);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int OsChosen()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 when it cannot be read).</summary>
    private static int ReadEphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
    }
}
