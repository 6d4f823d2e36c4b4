using System.Buffers.Binary;
using System.Net;
using System.Threading.Channels;
using ZkNet.Protocol.Framing;

namespace ZkNet.Server.Tests.Pipeline;

/// <summary>A connection without a socket: it splits what the server delivers into frames, in delivery order.</summary>
internal sealed class FakeCnxn(int port = 40000) : ServerCnxn(new IPEndPoint(IPAddress.Loopback, port))
{
    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>();
    private int _closed;

    /// <summary>Whether the server asked for the connection to be closed.</summary>
    public bool Closed => Volatile.Read(ref _closed) == 1;

    public override void Deliver(FrameBuffer buffer, bool close)
    {
        var bytes = buffer.WrittenSpan;
        while (bytes.Length >= 4)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes);
            _frames.Writer.TryWrite(bytes.Slice(4, length).ToArray());
            bytes = bytes[(4 + length)..];
        }
        ReturnBuffer(buffer);
        if (close)
        {
            Volatile.Write(ref _closed, 1);
            _frames.Writer.TryComplete();
        }
    }

    /// <summary>The next frame, or null once the server closed the connection and every frame was read.</summary>
    public async Task<byte[]?> ReadFrameAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _frames.Reader.WaitToReadAsync(cts.Token) && _frames.Reader.TryRead(out var frame) ? frame : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no frame from the server within the time limit");
        }
    }

    /// <summary>Whether a frame is already waiting (without waiting for one).</summary>
    public bool HasFrame => _frames.Reader.TryPeek(out _);
}
