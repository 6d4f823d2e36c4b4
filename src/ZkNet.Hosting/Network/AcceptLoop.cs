using System.Net.Sockets;

namespace ZkNet.Hosting.Network;

/// <summary>Accepts connections on a listening socket until the server stops; the plain and the secure client port share it.</summary>
internal static class AcceptLoop
{
    /// <summary>Hands every accepted socket (Nagle off: replies are small and flushed per batch) to <paramref name="accepted"/>.</summary>
    public static async Task RunAsync(Socket listener, Action<Socket> accepted, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            socket.NoDelay = true;
            accepted(socket);
        }
    }
}
