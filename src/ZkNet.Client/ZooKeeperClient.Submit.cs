using ZkNet.Client.Internal;

namespace ZkNet.Client;

public sealed partial class ZooKeeperClient
{
    /// <summary>
    /// Queues a request for the writer. It is sent on the current connection, or on the next one if the client is
    /// between connections; it fails at once when the client is closed or finished.
    /// </summary>
    private Task<T> SubmitAsync<T>(Packet<T> packet, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }
        if (_closing)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(ZooKeeperClient)));
        }
        packet.RegisterCancellation(cancellationToken);
        if (!_outgoing.Writer.TryWrite(packet))
        {
            packet.Fail(_closing ? new ObjectDisposedException(nameof(ZooKeeperClient)) : CreateFailure());
        }
        return packet.Task;
    }

    private string ServerPath(string path) => _chroot.ToServer(path);
}
