using System.Net.Sockets;
using System.Text;
using ZkNet.Client.Internal;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    private static readonly TimeSpan FirstProbeDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxProbeDelay = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While connected to a read-only server, asks the servers in turn, with the "isro" four-letter word, whether
    /// they are read-write, at growing intervals (100 ms doubling to 60 s, as ZooKeeper's client does). Finding one
    /// ends the read-only connection so the session loop moves there.
    /// </summary>
    private async Task ProbeForReadWriteServerAsync(CancellationToken cancellationToken)
    {
        var delay = FirstProbeDelay;
        while (true)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxProbeDelay.Ticks));
            var candidate = _hosts.NextProbe();
            if (await IsReadWriteAsync(candidate, cancellationToken).ConfigureAwait(false))
            {
                throw new ReadWriteServerFoundException(candidate);
            }
        }
    }

    private static async Task<bool> IsReadWriteAsync((string Host, int Port) server, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ProbeTimeout);
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.Host, server.Port, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync("isro"u8.ToArray(), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            socket.Shutdown(SocketShutdown.Send);
            var answer = new byte[8];
            var length = 0;
            while (length < answer.Length)
            {
                var read = await socket.ReceiveAsync(answer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            return Encoding.ASCII.GetString(answer, 0, length).Trim() == "rw";
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
