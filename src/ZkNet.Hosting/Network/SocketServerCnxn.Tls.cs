using System.Buffers;
using System.Net.Sockets;

namespace ZkNet.Hosting.Network;

internal sealed partial class SocketServerCnxn
{
    private const int TlsChunk = 16 * 1024;

    /// <summary>
    /// Sends a batch: one vectored send on a plain socket. SslStream has no gather write, so over TLS the batch is
    /// packed into 16 KB chunks (one TLS record each, the most a record holds) rather than a record per reply.
    /// </summary>
    private async Task SendAsync(List<ArraySegment<byte>> segments)
    {
        if (_tls is null)
        {
            await _socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
            return;
        }
        var chunk = ArrayPool<byte>.Shared.Rent(TlsChunk);
        try
        {
            var filled = 0;
            foreach (var segment in segments)
            {
                var rest = segment.AsMemory();
                while (!rest.IsEmpty)
                {
                    var n = Math.Min(rest.Length, TlsChunk - filled);
                    rest[..n].CopyTo(chunk.AsMemory(filled));
                    filled += n;
                    rest = rest[n..];
                    if (filled == TlsChunk)
                    {
                        await _tls.WriteAsync(chunk.AsMemory(0, filled)).ConfigureAwait(false);
                        filled = 0;
                    }
                }
            }
            if (filled > 0)
            {
                await _tls.WriteAsync(chunk.AsMemory(0, filled)).ConfigureAwait(false);
            }
            await _tls.FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
