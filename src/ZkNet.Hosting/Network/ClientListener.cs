using System.Net;
using System.Net.Sockets;
using ZkNet.Hosting.Startup;

namespace ZkNet.Hosting.Network;

/// <summary>
/// Binds a client listening socket before anything is written to the data directory, so a port in use is reported
/// at once, as one line naming the zoo.cfg key and the fix, and leaves the data untouched.
/// </summary>
internal static class ClientListener
{
    /// <summary>Binds and listens on <paramref name="address"/>:<paramref name="port"/> (0: a free port).</summary>
    /// <exception cref="StartupException">The port is taken or the address is not local.</exception>
    public static Socket Bind(string key, string address, int port, int backlog)
    {
        var ip = Resolve(key, address);
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(ip, port));
            listener.Listen(backlog > 0 ? backlog : 1024);
            return listener;
        }
        catch (SocketException ex)
        {
            listener.Dispose();
            var fix = ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => $"port {port} is already in use by another process: stop it, or choose another {key} in zoo.cfg",
                SocketError.AddressNotAvailable => $"{address} is not an address of this machine: fix {key}Address in zoo.cfg",
                SocketError.AccessDenied => $"binding port {port} is not permitted for user {Environment.UserName}: choose a port above 1023",
                _ => ex.Message,
            };
            throw new StartupException($"Cannot listen on {address}:{port} ({key}): {fix}", ex);
        }
    }

    private static IPAddress Resolve(string key, string host)
    {
        if (host is "" or ServerConfigAnyAddress)
        {
            return IPAddress.Any;
        }
        if (IPAddress.TryParse(host, out var ip))
        {
            return ip;
        }
        if (host == "localhost")
        {
            return IPAddress.Loopback;
        }
        try
        {
            return Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            throw new StartupException($"{key}Address {host} does not resolve to an IPv4 address: fix {key}Address in zoo.cfg", ex);
        }
    }

    private const string ServerConfigAnyAddress = Configuration.ServerConfig.AnyAddress;
}
