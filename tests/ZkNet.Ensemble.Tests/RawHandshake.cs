using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using ZkNet.Protocol.Framing;
using ZkNet.Protocol.Jute;
using ZkNet.Protocol.Records;

namespace ZkNet.Ensemble.Tests;

/// <summary>
/// A client handshake on a bare socket, for what a client library hides: a handshake left unanswered, a session
/// brought to another member (its id and password), a connection that stays silent until the server ends it.
/// </summary>
internal static class RawHandshake
{
    /// <summary>Connects to <paramref name="hostPort"/> and sends a ConnectRequest (a new session unless <paramref name="sessionId"/> is given).</summary>
    public static async Task<Socket> SendAsync(string hostPort, long sessionId = 0, byte[]? password = null, int timeoutMs = 10_000)
    {
        var port = int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync("127.0.0.1", port, timeout.Token);
        using var buffer = new FrameBuffer(128);
        var mark = buffer.BeginFrame();
        new ConnectRequest(0, 0, timeoutMs, sessionId, password ?? new byte[16], false).Serialize(new JuteWriter(buffer));
        buffer.EndFrame(mark);
        await socket.SendAsync(buffer.ToArray(), SocketFlags.None, timeout.Token);
        return socket;
    }

    /// <summary>
    /// Brings session <paramref name="sessionId"/> to <paramref name="hostPort"/>: the server's answer (timeout 0 and
    /// session 0 when it refuses the session as expired), or null when it closes the connection unanswered.
    /// </summary>
    public static async Task<ConnectResponse?> ResumeAsync(string hostPort, long sessionId, ReadOnlyMemory<byte> password)
    {
        using var socket = await SendAsync(hostPort, sessionId, password.ToArray());
        return await ReadResponseAsync(socket).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The ConnectResponse that answers the handshake, or null when the server closes first.</summary>
    public static async Task<ConnectResponse?> ReadResponseAsync(Socket socket)
    {
        if (await ReadFrameAsync(socket) is not { } frame)
        {
            return null;
        }
        var reader = new JuteReader(frame);
        return ConnectResponse.Deserialize(ref reader);
    }

    /// <summary>The next frame's body, or null when the server closes the connection first.</summary>
    public static async Task<byte[]?> ReadFrameAsync(Socket socket)
    {
        var length = new byte[4];
        if (!await ReadExactlyAsync(socket, length))
        {
            return null;
        }
        var body = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        return await ReadExactlyAsync(socket, body) ? body : null;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] into)
    {
        var read = 0;
        while (read < into.Length)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(into.AsMemory(read), SocketFlags.None);
            }
            catch (SocketException)
            {
                return false;
            }
            if (n == 0)
            {
                return false;
            }
            read += n;
        }
        return true;
    }
}
