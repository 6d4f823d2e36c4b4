using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Server;
using ZkNet.Server.FourLetterWords;
using ZkNet.Server.Pipeline;

namespace ZkNet.Hosting.Network;

/// <summary>
/// A client connection over a TCP socket: a reader loop that frames and decodes requests and submits them to the
/// server, and a writer loop that sends what the server delivers, in order, coalescing whatever is queued into
/// one send. A malformed frame closes this connection only. The reader pauses while the connection holds too much
/// (SocketServerCnxn.Throttle.cs), and a connection that does not handshake in time is closed
/// (SocketServerCnxn.Handshake.cs).
/// </summary>
internal sealed partial class SocketServerCnxn : ServerCnxn
{
    private readonly Socket _socket;
    private volatile ZooKeeperServer _server;
    private readonly ILogger _logger;
    private readonly ConnectionLimits _limits;
    private readonly Channel<(FrameBuffer Buffer, bool Close)> _outgoing =
        Channel.CreateUnbounded<(FrameBuffer, bool)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Stream? _tls;
    private int _closed;

    /// <summary>The pipeline this connection submits to.</summary>
    internal ZooKeeperServer Server => _server;

    /// <summary>A connection over <paramref name="socket"/>, or over <paramref name="tls"/> (an authenticated SslStream on it) when given.</summary>
    public SocketServerCnxn(Socket socket, ZooKeeperServer server, ILogger logger, ConnectionLimits limits, Stream? tls = null)
        : base((IPEndPoint)socket.RemoteEndPoint!)
    {
        _tls = tls;
        _socket = socket;
        _server = server;
        _logger = logger;
        _limits = limits;
    }

    /// <summary>
    /// Runs both loops until the connection ends; never throws. The handshake deadline is armed before the first
    /// await, so it is running by the time the accept loop takes the next connection.
    /// </summary>
    public async Task RunAsync()
    {
        StartHandshakeDeadline();
        var writer = Task.Run(WriteLoopAsync);
        try
        {
            await ReadLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or we closed it.
        }
        catch (ChannelClosedException)
        {
            // The server stopped taking requests (it is shutting down) while this reader still had frames to submit.
        }
        catch (Exception ex) when (ex is FrameTooLargeException or JuteException)
        {
            LogBadFrame(Remote, ex.Message);
        }
        finally
        {
            // The processor answers what it already has from this connection, then stages the close; the writer
            // ends when it sends that close (or when the socket fails).
            try
            {
                await _server.SubmitAsync(new Request { Kind = RequestKind.ConnectionClosed, Cnxn = this }).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                // The server is shutting down and no longer takes requests: nobody will stage the close, so close
                // here, which also ends the writer.
                Close();
            }
            await writer.ConfigureAwait(false);
            Close();
        }
    }

    public override void Deliver(FrameBuffer buffer, bool close)
    {
        NoteDelivery();
        if (close && ClientNotReading)
        {
            // The client is not reading (its unsent replies hold its reader paused): the close would wait behind them
            // forever. ZooKeeper, too, closes an expired session's connection without flushing it.
            ReturnBuffer(buffer);
            Close();
            return;
        }
        CountQueued(buffer.WrittenCount);
        if (!_outgoing.Writer.TryWrite((buffer, close)))
        {
            CountQueued(-buffer.WrittenCount);
            ReturnBuffer(buffer);
        }
    }

    private async Task ReadLoopAsync()
    {
        var stream = _tls ?? new NetworkStream(_socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 65536, minimumReadSize: 4096, leaveOpen: true));
        var connected = false;
        var first = true;
        var maxBuffer = _server.Options.MaxBuffer;
        var largeRequests = _server.Options.LargeRequests;
        try
        {
            while (Volatile.Read(ref _closed) == 0)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (first && buffer.Length >= 4)
                {
                    first = false;
                    if (TryFourLetterWord(buffer.Slice(0, 4), out var word))
                    {
                        if (!CompleteHandshake())
                        {
                            return;
                        }
                        // ZooKeeper counts the word as a received packet (srvr on a fresh server says "Received: 1").
                        Stats.PacketsReceived++;
                        Interlocked.Increment(ref _server.Stats.PacketsReceived);
                        await _server.SubmitAsync(new Request { Kind = RequestKind.FourLetterWord, Cnxn = this, Word = word }).ConfigureAwait(false);
                        return;
                    }
                    await HoldHandshakeWhileElectingAsync().ConfigureAwait(false);
                    (maxBuffer, largeRequests) = (_server.Options.MaxBuffer, _server.Options.LargeRequests);
                }
                while (true)
                {
                    if (largeRequests is not null && !AdmitsLargeFrame(largeRequests, buffer))
                    {
                        return;
                    }
                    if (!FrameDecoder.TryReadFrame(ref buffer, maxBuffer, out var frame))
                    {
                        break;
                    }
                    var reserved = 0;
                    if (largeRequests is not null && largeRequests.IsLarge((int)frame.Length))
                    {
                        if (!largeRequests.TryReserve((int)frame.Length))
                        {
                            RejectLargeRequest((int)frame.Length);
                            return;
                        }
                        reserved = (int)frame.Length;
                    }
                    Stats.PacketsReceived++;
                    Interlocked.Increment(ref _server.Stats.PacketsReceived);
                    var request = Decode(frame, connected);
                    request.LargeRequestLength = reserved;
                    if (!connected && !CompleteHandshake())
                    {
                        return;
                    }
                    connected = true;
                    if (request.Kind == RequestKind.Client)
                    {
                        if (request.Op == ZkNet.Protocol.OpCode.CloseSession)
                        {
                            NoteCloseSessionRequested();
                        }
                        await WaitWhileThrottledAsync().ConfigureAwait(false);
                        CountSubmitted();
                    }
                    await _server.SubmitAsync(request).ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private Request Decode(ReadOnlySequence<byte> frame, bool connected)
    {
        if (frame.IsSingleSegment)
        {
            return connected ? RequestDecoder.Decode(this, frame.FirstSpan) : RequestDecoder.DecodeConnect(this, frame.FirstSpan);
        }
        var rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
        try
        {
            frame.CopyTo(rented);
            var span = rented.AsSpan(0, (int)frame.Length);
            return connected ? RequestDecoder.Decode(this, span) : RequestDecoder.DecodeConnect(this, span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryFourLetterWord(ReadOnlySequence<byte> head, out string word)
    {
        Span<byte> bytes = stackalloc byte[4];
        head.CopyTo(bytes);
        word = Encoding.ASCII.GetString(bytes);
        return FourLetterWordNames.All.Contains(word);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        var segments = new List<ArraySegment<byte>>();
        var taken = new List<FrameBuffer>();
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var close = false;
                while (!close && reader.TryRead(out var item))
                {
                    taken.Add(item.Buffer);
                    if (item.Buffer.WrittenCount > 0)
                    {
                        segments.Add(item.Buffer.WrittenSegment);
                    }
                    close = item.Close;
                }
                if (segments.Count > 0)
                {
                    await SendAsync(segments).ConfigureAwait(false);
                }
                foreach (var buffer in taken)
                {
                    CountQueued(-buffer.WrittenCount);
                    ReturnBuffer(buffer);
                }
                segments.Clear();
                taken.Clear();
                if (close)
                {
                    Close();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            Close();
        }
        finally
        {
            // Anything still queued is dropped with the connection.
            foreach (var buffer in taken)
            {
                CountQueued(-buffer.WrittenCount);
                ReturnBuffer(buffer);
            }
            while (reader.TryRead(out var item))
            {
                CountQueued(-item.Buffer.WrittenCount);
                ReturnBuffer(item.Buffer);
            }
        }
    }

    /// <summary>Closes the socket at once (server shutdown, or the end of the conversation).</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        LogClosed();
        // Its requests still waiting in the request throttler are stale now.
        MarkStale();
        // Ends the writer loop (nothing more will be sent) and, by closing the socket, the reader loop; a reader
        // paused by back-pressure is woken to see it.
        _outgoing.Writer.TryComplete();
        _handshakeTimer?.Dispose();
        ResumeIfDrained(force: true);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
        _socket.Dispose();
        _tls?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing connection from {Remote}: {Reason}")]
    private partial void LogBadFrame(IPEndPoint remote, string reason);
}
