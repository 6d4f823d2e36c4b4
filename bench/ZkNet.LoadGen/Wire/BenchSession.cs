using System.Buffers;
using System.Net.Sockets;
using ZkNet.Protocol;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.LoadGen.Wire;

/// <summary>
/// One TCP connection carrying one ZooKeeper session, spoken with ZkNet.Protocol alone: requests are framed into
/// a send buffer and written in one call per batch; replies are read into a buffer and handed over frame by frame.
/// Not thread-safe: each session is driven by a single loop.
/// </summary>
internal sealed class BenchSession : IAsyncDisposable
{
    // Replies larger than ZooKeeper's default jute.maxbuffer are possible (getChildren of a big parent), and the
    // load generator has no reason to refuse them.
    private const int MaxFrame = 64 * 1024 * 1024;

    private readonly Socket _socket;
    private byte[] _receive = new byte[64 * 1024];
    private int _filled;
    private int _nextXid = 1;

    private BenchSession(Socket socket) => _socket = socket;

    /// <summary>Requests framed but not yet sent.</summary>
    public FrameBuffer Outgoing { get; } = new(16 * 1024);

    /// <summary>The session id the server assigned.</summary>
    public long SessionId { get; private set; }

    /// <summary>The negotiated session timeout.</summary>
    public int NegotiatedTimeoutMs { get; private set; }

    /// <summary>Takes the next xid (requests are answered in xid order on one connection).</summary>
    public int NextXid() => _nextXid++;

    /// <summary>Connects and performs the ConnectRequest/ConnectResponse handshake for a new session.</summary>
    public static async Task<BenchSession> ConnectAsync(string host, int port, int sessionTimeoutMs, CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var session = new BenchSession(socket);
        try
        {
            await socket.ConnectAsync(host, port, ct).ConfigureAwait(false);
            var mark = session.Outgoing.BeginFrame();
            new ConnectRequest(0, 0, sessionTimeoutMs, 0, new byte[16], false).Serialize(new JuteWriter(session.Outgoing));
            session.Outgoing.EndFrame(mark);
            await session.FlushAsync(ct).ConfigureAwait(false);
            var handshake = new HandshakeReader();
            while (handshake.Response is null)
            {
                await session.ReceiveAsync(ct).ConfigureAwait(false);
                session.ProcessFrames(handshake, maxFrames: 1);
            }
            if (handshake.Response.TimeOut <= 0)
            {
                throw new IOException("the server refused the session (negotiated timeout 0)");
            }
            session.SessionId = handshake.Response.SessionId;
            session.NegotiatedTimeoutMs = handshake.Response.TimeOut;
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends everything in <see cref="Outgoing"/>.</summary>
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        var pending = Outgoing.WrittenMemory;
        while (!pending.IsEmpty)
        {
            var sent = await _socket.SendAsync(pending, SocketFlags.None, ct).ConfigureAwait(false);
            pending = pending[sent..];
        }
        Outgoing.Clear();
    }

    /// <summary>Reads whatever the server has sent; throws when the server closed the connection.</summary>
    public async ValueTask ReceiveAsync(CancellationToken ct)
    {
        if (_filled == _receive.Length)
        {
            Array.Resize(ref _receive, _receive.Length * 2);
        }
        var read = await _socket.ReceiveAsync(_receive.AsMemory(_filled), SocketFlags.None, ct).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _filled += read;
    }

    /// <summary>Hands every complete frame in the receive buffer to <paramref name="handler"/>; returns how many.</summary>
    public int ProcessFrames(IFrameHandler handler, int maxFrames = int.MaxValue)
    {
        var sequence = new ReadOnlySequence<byte>(_receive, 0, _filled);
        var count = 0;
        while (count < maxFrames && FrameDecoder.TryReadFrame(ref sequence, MaxFrame, out var frame))
        {
            // The sequence is one array segment, so FirstSpan is the whole frame.
            handler.OnFrame(frame.FirstSpan);
            count++;
        }
        var consumed = _filled - (int)sequence.Length;
        if (consumed > 0)
        {
            Buffer.BlockCopy(_receive, consumed, _receive, 0, _filled - consumed);
            _filled -= consumed;
        }
        return count;
    }

    /// <summary>Sends closeSession and waits (bounded) for the server to answer or hang up.</summary>
    public async Task CloseSessionAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            Outgoing.Clear();
            RequestWriter.WriteHeaderOnly(Outgoing, NextXid(), OpCode.CloseSession);
            await FlushAsync(cts.Token).ConfigureAwait(false);
            // Anything still in flight is discarded; the reply to closeSession is followed by the server closing.
            while (true)
            {
                await ReceiveAsync(cts.Token).ConfigureAwait(false);
                _filled = 0;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // Closed (the expected end) or the bound was reached: either way the session is over for us.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        Outgoing.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class HandshakeReader : IFrameHandler
    {
        public ConnectResponse? Response { get; private set; }

        public void OnFrame(ReadOnlySpan<byte> frame)
        {
            var reader = new JuteReader(frame);
            Response = ConnectResponse.Deserialize(ref reader);
        }
    }
}
