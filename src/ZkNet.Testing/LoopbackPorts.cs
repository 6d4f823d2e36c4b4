using System.Net;
using System.Net.Sockets;

namespace ZkNet.Testing;

/// <summary>Free loopback ports for servers that must know every member's ports before any of them starts.</summary>
internal static class LoopbackPorts
{
    /// <summary>
    /// Returns <paramref name="count"/> distinct ports the OS handed out for 127.0.0.1. All listeners stay open until
    /// every port is chosen, so one call never returns a port twice; they are then released for the members to bind
    /// (another process could take one in between, the unavoidable race of fixed quorum ports).
    /// </summary>
    public static int[] Reserve(int count)
    {
        var listeners = new List<Socket>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listeners.Add(socket);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }
            return listeners.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            foreach (var socket in listeners)
            {
                socket.Dispose();
            }
        }
    }
}
