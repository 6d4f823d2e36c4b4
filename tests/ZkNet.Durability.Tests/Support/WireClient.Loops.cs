using System.Buffers.Binary;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Durability.Tests.Support;

internal sealed partial class WireClient
{
    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadFrameAsync(_closing.Token) is { } frame)
            {
                var reader = new JuteReader(frame);
                var header = ReplyHeader.Deserialize(ref reader);
                if (header.Xid == Xids.Notification)
                {
                    _events.Writer.TryWrite(WatcherEvent.Deserialize(ref reader));
                    continue;
                }
                TaskCompletionSource<WireReply>? completion;
                lock (_pending)
                {
                    _pending.Remove(header.Xid, out completion);
                }
                completion?.TrySetResult(new WireReply(header.Xid, header.Zxid, (ErrorCode)header.Err, reader.RemainingSpan.ToArray()));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException or ConnectionLostException)
        {
        }
        Fail();
    }

    private void Fail()
    {
        List<TaskCompletionSource<WireReply>> pending;
        lock (_pending)
        {
            _lost = true;
            pending = [.. _pending.Values];
            _pending.Clear();
        }
        foreach (var completion in pending)
        {
            completion.TrySetException(new ConnectionLostException("connection lost before the reply"));
        }
        _events.Writer.TryComplete();
    }

    private async Task PingLoopAsync()
    {
        var interval = TimeSpan.FromMilliseconds(Math.Max(100, SessionTimeout / 3));
        try
        {
            while (!_closing.IsCancellationRequested && !Volatile.Read(ref _lost))
            {
                await Task.Delay(interval, _closing.Token);
                await SendAsync(Frame(new RequestHeader(Xids.Ping, (int)OpCode.Ping)));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<byte[]?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        if (!await ReadExactlyAsync(prefix, cancellationToken))
        {
            return null;
        }
        var frame = new byte[BinaryPrimitives.ReadInt32BigEndian(prefix)];
        return await ReadExactlyAsync(frame, cancellationToken) ? frame : throw new ConnectionLostException("closed inside a frame");
    }

    private async Task<bool> ReadExactlyAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await _socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, cancellationToken);
            if (n == 0)
            {
                return read == 0 ? false : throw new ConnectionLostException("closed inside a frame");
            }
            read += n;
        }
        return true;
    }
}
